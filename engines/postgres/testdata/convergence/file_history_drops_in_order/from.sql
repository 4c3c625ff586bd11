CREATE SCHEMA ledger;
CREATE TABLE ledger.entries (id int PRIMARY KEY, amount numeric(12, 2));
CREATE TABLE stock (id int PRIMARY KEY, qty int, reorder_at int);
COMMENT ON COLUMN stock.reorder_at IS 'Reorder below this';
