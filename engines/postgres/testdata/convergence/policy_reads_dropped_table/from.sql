CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE TABLE blocked (id integer PRIMARY KEY);
CREATE POLICY docs_visible ON docs FOR SELECT USING (NOT EXISTS (SELECT 1 FROM blocked b WHERE b.id = docs.id));
