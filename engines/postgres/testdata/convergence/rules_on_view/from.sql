CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric NOT NULL DEFAULT 0);
CREATE VIEW account_owners AS SELECT id, owner FROM accounts;
