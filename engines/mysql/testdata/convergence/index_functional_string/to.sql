CREATE TABLE t (id int PRIMARY KEY, a varchar(20), KEY ix ((concat(a, 'it''s'))));
