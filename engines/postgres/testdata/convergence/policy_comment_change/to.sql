CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs USING (tenant > 0);
COMMENT ON POLICY docs_tenant ON docs IS 'second';
