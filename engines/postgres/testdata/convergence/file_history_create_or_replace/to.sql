-- Migration-style files redefine routines, views and triggers with CREATE
-- OR REPLACE: the last definition is the one that counts, and a comment
-- given to the first stays, as on the server.
CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true);

CREATE FUNCTION fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 0.01 $$;
COMMENT ON FUNCTION fee(numeric) IS 'what a transfer costs';
CREATE OR REPLACE FUNCTION fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 0.02 $$;

CREATE VIEW active_accounts AS SELECT id FROM accounts WHERE active;
CREATE OR REPLACE VIEW active_accounts AS SELECT id, balance FROM accounts WHERE active;

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
CREATE OR REPLACE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();

CREATE AGGREGATE total(numeric) (sfunc = numeric_add, stype = numeric);
CREATE OR REPLACE AGGREGATE total(numeric) (sfunc = numeric_add, stype = numeric, initcond = '0');

CREATE OR REPLACE FUNCTION fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 0.03 $$;
