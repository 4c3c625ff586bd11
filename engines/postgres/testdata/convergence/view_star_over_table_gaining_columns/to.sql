-- The server expands * when it creates a view: a view over a table that
-- gains columns is created again to have them (and what reads it).
CREATE TABLE item (id integer PRIMARY KEY, title text, status text);
CREATE TABLE category (id integer PRIMARY KEY, name text);
CREATE VIEW item_extended AS SELECT i.*, c.name AS category_name FROM item i JOIN category c ON c.id = i.id;
CREATE VIEW item_count AS SELECT count(*) AS n FROM item;
CREATE MATERIALIZED VIEW item_summary AS SELECT id, title FROM item_extended;
