CREATE TABLE t (id int PRIMARY KEY, w varchar(64) NOT NULL, x char(3)) DEFAULT CHARSET=utf8mb4;
