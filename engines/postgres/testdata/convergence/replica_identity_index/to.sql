CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE UNIQUE INDEX docs_owner_tenant ON docs (owner, tenant);
ALTER TABLE docs REPLICA IDENTITY USING INDEX docs_owner_tenant;
