-- CREATE OR REPLACE TABLE drops the table of the name, with its indexes
-- and triggers, and makes it anew.
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE INDEX t_v ON t (v);
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.v = 1;
CREATE OR REPLACE TABLE t (id int PRIMARY KEY, w varchar(10), KEY t_w (w));
ALTER TABLE t ADD COLUMN x int;
CREATE OR REPLACE TABLE fresh (id int PRIMARY KEY);
CREATE TABLE kept (id int PRIMARY KEY);
CREATE OR REPLACE TABLE kept2 LIKE kept;
