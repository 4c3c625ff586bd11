CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    title text
);
CREATE POLICY docs_body ON docs USING (title IS NOT NULL AND tenant > 0);
