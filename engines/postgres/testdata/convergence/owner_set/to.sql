-- Owners the files name are set (also on what the plan makes); a relation
-- whose files name no owner keeps the one it has (audit).
CREATE TABLE accounts (id int PRIMARY KEY);
ALTER TABLE accounts OWNER TO schemasync_role_a;
CREATE VIEW active_accounts AS SELECT id FROM accounts;
ALTER VIEW active_accounts OWNER TO schemasync_role_b;
CREATE SEQUENCE invoice_numbers;
ALTER SEQUENCE invoice_numbers OWNER TO schemasync_role_a;
CREATE TABLE ledger (id serial PRIMARY KEY);
ALTER TABLE ledger OWNER TO "schemasync ""odd"" role";
CREATE TABLE audit (id int);
