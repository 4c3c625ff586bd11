CREATE TABLE t (id bigint NOT NULL AUTO_RANDOM PRIMARY KEY, a int, v varchar(100));
INSERT INTO t (a, v) VALUES (1, 'x'), (2, 'y');
