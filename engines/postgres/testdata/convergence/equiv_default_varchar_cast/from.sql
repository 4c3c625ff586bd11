CREATE TABLE t (a varchar(10) DEFAULT 'new');
