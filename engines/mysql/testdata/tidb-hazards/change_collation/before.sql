CREATE TABLE t (id int NOT NULL PRIMARY KEY, w varchar(20) COLLATE utf8mb4_bin, x varchar(20) COLLATE utf8mb4_bin, KEY kx (x));
INSERT INTO t SELECT i, concat('w', i), concat('x', i) FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) SELECT i FROM s) q;
