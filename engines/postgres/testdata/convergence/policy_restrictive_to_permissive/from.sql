CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs AS RESTRICTIVE FOR ALL TO PUBLIC USING (tenant = 7);
