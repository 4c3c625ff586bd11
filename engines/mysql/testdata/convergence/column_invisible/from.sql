CREATE TABLE t (
  id int PRIMARY KEY,
  a int INVISIBLE,
  b int DEFAULT NULL /*!80023 INVISIBLE */,
  c int
);
