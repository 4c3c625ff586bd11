CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_read ON docs FOR SELECT TO schemasync_role_a, schemasync_role_b USING (true);
