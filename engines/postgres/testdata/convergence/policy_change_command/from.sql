CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_write ON docs FOR SELECT USING (owner = current_user);
