CREATE TABLE accounts (
    id integer NOT NULL,
    email text NOT NULL,
    region text NOT NULL
);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (email, region);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_region_key UNIQUE USING INDEX accounts_email_idx DEFERRABLE;
COMMENT ON CONSTRAINT accounts_email_region_key ON accounts IS 'one per region';
