CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_read ON docs FOR SELECT TO PUBLIC USING (true);
