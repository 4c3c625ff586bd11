CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_body ON docs USING (body IS NOT NULL AND tenant > 0);
CREATE POLICY docs_insert ON docs FOR INSERT WITH CHECK (length(body) < 1000);
