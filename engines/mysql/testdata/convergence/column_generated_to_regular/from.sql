CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(20) AS (concat('n', a)) STORED, c int);
