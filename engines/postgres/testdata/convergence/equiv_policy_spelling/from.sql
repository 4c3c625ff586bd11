CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_a ON docs AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant = 1)) WITH CHECK (((owner)::text = 'x'::text));
CREATE POLICY docs_b ON docs FOR SELECT TO schemasync_role_b, schemasync_role_a USING (tenant IN (1, 2));
