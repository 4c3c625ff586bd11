-- A column list names the query's outputs, as the server stores them.
CREATE TABLE t (id int, name text);
CREATE VIEW vx (x) AS SELECT 2;
CREATE VIEW w (a, b) AS SELECT id, name AS nm FROM t WHERE id > 0;
CREATE VIEW u (k) AS SELECT id FROM t UNION SELECT 3;
CREATE VIEW s (a2) AS SELECT * FROM t;
CREATE VIEW part (only_first) AS SELECT id, name FROM t;
