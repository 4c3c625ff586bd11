CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE TABLE tenants (id integer PRIMARY KEY, active boolean NOT NULL DEFAULT true);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs FORCE ROW LEVEL SECURITY;
CREATE POLICY docs_select ON docs FOR SELECT TO schemasync_role_a
    USING (EXISTS (SELECT 1 FROM tenants t WHERE t.id = docs.tenant AND t.active));
CREATE POLICY docs_insert ON docs FOR INSERT TO schemasync_role_a WITH CHECK (tenant BETWEEN 1 AND 10);
CREATE POLICY docs_update ON docs FOR UPDATE TO schemasync_role_a, schemasync_role_b
    USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY docs_delete ON docs AS RESTRICTIVE FOR DELETE USING (body IS NULL);
COMMENT ON POLICY docs_delete ON docs IS 'only empty documents go';
