-- Schema files written as a history, each statement applied in file order:
-- comments of a column dropped later, a foreign key dropped before the
-- table it references, schemas emptied and dropped, or dropped with CASCADE.
CREATE SCHEMA ledger;
CREATE TYPE ledger.kind AS ENUM ('debit', 'credit');
CREATE SEQUENCE ledger.entry_seq;
CREATE TABLE ledger.entries (id int PRIMARY KEY, amount numeric(12, 2), kind ledger.kind);
COMMENT ON SCHEMA ledger IS 'Books';
CREATE SCHEMA archive;
CREATE TABLE archive.old_entries (id int PRIMARY KEY);
CREATE FUNCTION archive.count_old() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM archive.old_entries';
CREATE TABLE categories (id int PRIMARY KEY, name text);
CREATE TABLE stock (
    id int PRIMARY KEY,
    qty int,
    reorder_at int,
    category_id int,
    CONSTRAINT stock_category_fk FOREIGN KEY (category_id) REFERENCES categories (id)
);
COMMENT ON COLUMN stock.reorder_at IS 'Reorder below this';
COMMENT ON COLUMN stock.qty IS 'On hand';
ALTER TABLE stock DROP CONSTRAINT stock_category_fk;
ALTER TABLE stock DROP COLUMN category_id;
DROP TABLE categories;
ALTER TABLE stock DROP COLUMN reorder_at;
ALTER TABLE stock ADD COLUMN reorder_at bigint;
COMMENT ON COLUMN stock.reorder_at IS 'Reorder below this many';
DROP TABLE ledger.entries;
DROP SEQUENCE ledger.entry_seq;
DROP TYPE ledger.kind;
DROP SCHEMA ledger;
DROP SCHEMA archive CASCADE;
