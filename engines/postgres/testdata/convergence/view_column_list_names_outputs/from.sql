CREATE TABLE t (id int, name text);
CREATE VIEW vx (x) AS SELECT 1;
CREATE VIEW w (a, b) AS SELECT id, name FROM t;
