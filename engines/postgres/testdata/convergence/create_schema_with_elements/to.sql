-- CREATE SCHEMA with elements: they are made in the new schema, and their
-- unqualified names (the foreign key's table, the view's) resolve there;
-- the statements after it use the file's search_path again.
CREATE SCHEMA billing
    CREATE TABLE invoices (id integer PRIMARY KEY, total numeric NOT NULL)
    CREATE TABLE lines (id integer PRIMARY KEY, invoice_id integer REFERENCES invoices (id), amount numeric)
    CREATE INDEX lines_invoice_idx ON lines (invoice_id)
    CREATE SEQUENCE invoice_numbers
    CREATE VIEW big_invoices AS SELECT id FROM invoices WHERE total > 1000;
CREATE TABLE settings (k text PRIMARY KEY, v text);
