CREATE TABLE item (id integer PRIMARY KEY, title text);
CREATE TABLE category (id integer PRIMARY KEY, name text);
CREATE VIEW item_extended AS SELECT i.*, c.name AS category_name FROM item i JOIN category c ON c.id = i.id;
CREATE VIEW item_count AS SELECT count(*) AS n FROM item;
CREATE MATERIALIZED VIEW item_summary AS SELECT id, title FROM item_extended;
