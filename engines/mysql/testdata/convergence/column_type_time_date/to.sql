CREATE TABLE t (id int NOT NULL PRIMARY KEY, a time, b date, c time(2));
