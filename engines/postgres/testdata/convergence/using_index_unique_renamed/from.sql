CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    region text NOT NULL
);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (email, region);
