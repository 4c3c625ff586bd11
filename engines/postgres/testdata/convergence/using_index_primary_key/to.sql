CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    region text NOT NULL
);
CREATE UNIQUE INDEX accounts_id_idx ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_id_idx PRIMARY KEY USING INDEX accounts_id_idx;
