-- Under search_path = app, public: the table's row type, the collation and
-- the function (made qualified) that bare names find are app's; item in
-- public is another table.
CREATE SCHEMA app;
CREATE TABLE item (id int);
SET search_path = app, public;
CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE item (id int, name varchar COLLATE ci, k bool) PARTITION BY LIST (k);
CREATE TABLE item_yes PARTITION OF item FOR VALUES IN (true);
CREATE FUNCTION app.norm(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower($1)';
CREATE INDEX item_norm ON item (norm(name));
CREATE FUNCTION first_item() RETURNS SETOF item LANGUAGE sql AS 'SELECT * FROM app.item LIMIT 1';
CREATE FUNCTION item_label(i item) RETURNS text LANGUAGE sql AS 'SELECT $1.name';
CREATE VIEW item_names AS SELECT norm(name) AS n FROM item;
