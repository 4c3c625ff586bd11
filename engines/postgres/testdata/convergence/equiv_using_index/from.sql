CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    region text NOT NULL
);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
