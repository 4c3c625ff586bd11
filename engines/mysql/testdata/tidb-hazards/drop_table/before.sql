CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b bigint NOT NULL, v varchar(100) NOT NULL, n int);
INSERT INTO t (id, a, b, v, n) SELECT i, i % 7, i * 10, concat('v', i), IF(i % 2 = 0, i, i + 1) FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) SELECT i FROM s) x;
CREATE TABLE old_t (id int PRIMARY KEY);
INSERT INTO old_t VALUES (1), (2);
