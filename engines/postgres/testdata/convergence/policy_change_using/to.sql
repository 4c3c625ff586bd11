CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs FOR SELECT USING (tenant IN (1, 2) AND body IS NOT NULL);
