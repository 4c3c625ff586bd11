CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
ALTER TABLE docs REPLICA IDENTITY USING INDEX docs_pkey;
CREATE TABLE audit (at timestamp with time zone NOT NULL, what text);
ALTER TABLE audit REPLICA IDENTITY FULL;
