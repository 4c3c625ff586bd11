CREATE TABLE t (
  id int NOT NULL,
  v varchar(10),
  PRIMARY KEY (id) NONCLUSTERED
);
