CREATE TABLE t (
  id int PRIMARY KEY,
  qty int NOT NULL DEFAULT 1,
  price decimal(10,2),
  total decimal(12,2) AS (qty * price) VIRTUAL,
  twice int DEFAULT (qty * 2),
  CONSTRAINT qty_positive CHECK (qty > 0)
);
