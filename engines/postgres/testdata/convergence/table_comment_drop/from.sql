CREATE TABLE accounts (id integer PRIMARY KEY);
COMMENT ON TABLE accounts IS 'customer accounts';
