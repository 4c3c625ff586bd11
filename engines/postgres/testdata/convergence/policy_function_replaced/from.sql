CREATE FUNCTION tenant_of() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 1 $$;
CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs USING (tenant = tenant_of());
