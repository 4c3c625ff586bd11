-- CREATE TABLE IF NOT EXISTS of a view's name: the server notes that the
-- name exists and keeps the view (also for LIKE). Once the view is gone,
-- the name is free for a table.
CREATE TABLE base (id int PRIMARY KEY, name varchar(20));
CREATE VIEW names AS SELECT id, name FROM base;
CREATE TABLE IF NOT EXISTS names (id int PRIMARY KEY, other int);
CREATE TABLE IF NOT EXISTS names LIKE base;
CREATE VIEW gone AS SELECT id FROM base;
DROP VIEW gone;
CREATE TABLE IF NOT EXISTS gone (id int PRIMARY KEY, note varchar(10));
