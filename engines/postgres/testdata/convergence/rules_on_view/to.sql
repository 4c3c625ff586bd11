CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric NOT NULL DEFAULT 0);
CREATE VIEW account_owners AS SELECT id, owner FROM accounts;
CREATE RULE account_owners_ins AS ON INSERT TO account_owners
  DO INSTEAD INSERT INTO accounts (id, owner) VALUES (new.id, new.owner) RETURNING accounts.id, accounts.owner;
CREATE RULE account_owners_upd AS ON UPDATE TO account_owners
  DO INSTEAD UPDATE accounts SET owner = new.owner WHERE accounts.id = old.id;
CREATE RULE account_owners_del AS ON DELETE TO account_owners DO INSTEAD DELETE FROM accounts WHERE accounts.id = old.id;
COMMENT ON RULE account_owners_del ON account_owners IS 'deletes the account';
CREATE VIEW rich AS SELECT id, balance FROM accounts WHERE balance > 1000;
CREATE RULE rich_del AS ON DELETE TO rich DO INSTEAD NOTHING;
