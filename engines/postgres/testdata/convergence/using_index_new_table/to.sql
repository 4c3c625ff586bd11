CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    region text NOT NULL
);
CREATE UNIQUE INDEX accounts_idx ON accounts (id) INCLUDE (region);
ALTER TABLE accounts ADD CONSTRAINT accounts_pk PRIMARY KEY USING INDEX accounts_idx;
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_pk;
