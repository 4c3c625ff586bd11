CREATE TABLE t (
  id int PRIMARY KEY,
  price int NOT NULL,
  qty int NOT NULL,
  total int GENERATED ALWAYS AS (price * qty) STORED,
  half int GENERATED ALWAYS AS (price / 2) VIRTUAL
);
