CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
ALTER TABLE docs DISABLE ROW LEVEL SECURITY;
