CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY docs_write ON docs FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);
