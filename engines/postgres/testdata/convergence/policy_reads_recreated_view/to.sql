CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE TABLE blocked (id integer PRIMARY KEY, reason text);
CREATE VIEW blocked_ids AS SELECT id::bigint AS id, reason FROM blocked WHERE reason IS NOT NULL;
CREATE POLICY docs_visible ON docs FOR SELECT USING (NOT EXISTS (SELECT 1 FROM blocked_ids b WHERE b.id = docs.id));
