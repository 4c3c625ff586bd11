CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant bigint NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs FOR DELETE USING (tenant > 0);
