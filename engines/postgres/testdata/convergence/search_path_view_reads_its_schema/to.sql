-- Under SET search_path = billing, a view's unqualified relations are read
-- from billing when the files make them there; a CTE of the same name as
-- a table stays the CTE, and a table only in public is public's.
CREATE SCHEMA billing;
CREATE TABLE settings (k text PRIMARY KEY, v text);
SET search_path = billing, public;
CREATE TABLE invoices (id integer PRIMARY KEY, total numeric NOT NULL);
CREATE VIEW big_invoices AS SELECT id FROM invoices WHERE total > 1000;
CREATE VIEW recent AS
    WITH invoices AS (SELECT 1 AS id) SELECT i.id, s.v FROM invoices i CROSS JOIN settings s;
RESET search_path;
