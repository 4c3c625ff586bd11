CREATE FUNCTION tenant_of() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT 2::bigint $$;
CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_tenant ON docs USING (tenant = tenant_of());
