CREATE TABLE t (
  id int PRIMARY KEY,
  -- schemasync:renamed-from qty
  quantity bigint NOT NULL DEFAULT 1,
  price decimal(10,2),
  total decimal(12,2) AS (quantity * price) VIRTUAL,
  twice int DEFAULT (quantity * 2),
  CONSTRAINT qty_positive CHECK (quantity > 0)
);
