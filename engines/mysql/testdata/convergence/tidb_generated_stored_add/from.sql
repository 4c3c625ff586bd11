CREATE TABLE t (
  id int PRIMARY KEY,
  price int NOT NULL,
  qty int NOT NULL
);
