CREATE TABLE items (
  id int PRIMARY KEY,
  qty int NOT NULL DEFAULT 1 CHECK (qty > 0),
  price numeric(10,2),
  total numeric(12,2) GENERATED ALWAYS AS (qty * price) STORED
);
CREATE INDEX items_qty_expr ON items ((qty * 2));
CREATE VIEW big_items AS SELECT id, qty FROM items WHERE qty > 10;
