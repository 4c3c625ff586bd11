CREATE TABLE accounts (id int PRIMARY KEY);
CREATE VIEW active_accounts AS SELECT id FROM accounts;
CREATE SEQUENCE invoice_numbers;
CREATE TABLE audit (id int);
ALTER TABLE audit OWNER TO schemasync_role_b;
