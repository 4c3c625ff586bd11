CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_a ON docs USING (tenant = 1) WITH CHECK (owner = 'x');
ALTER POLICY docs_a ON docs TO public;
CREATE POLICY docs_b ON docs FOR SELECT TO schemasync_role_a, schemasync_role_b, schemasync_role_a USING (tenant = ANY (ARRAY[1, 2]));
