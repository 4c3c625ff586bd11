CREATE TABLE items (
  id int PRIMARY KEY,
  -- schemasync:renamed-from qty
  quantity int NOT NULL DEFAULT 1 CHECK (quantity > 0),
  price numeric(10,2),
  total numeric(12,2) GENERATED ALWAYS AS (quantity * price) STORED
);
CREATE INDEX items_qty_expr ON items ((quantity * 2));
CREATE VIEW big_items AS SELECT id, quantity FROM items WHERE quantity > 10;
