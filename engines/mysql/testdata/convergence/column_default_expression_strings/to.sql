CREATE TABLE t (id int PRIMARY KEY, a varchar(20) DEFAULT(concat('it''s', 'x')), b json DEFAULT(JSON_ARRAY()), c varchar(10) DEFAULT (lower('A\\B')));
