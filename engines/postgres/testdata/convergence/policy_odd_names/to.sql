CREATE TABLE docs (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    tenant integer NOT NULL,
    body text
);
CREATE POLICY "Read Policy" ON docs FOR SELECT TO "schemasync ""odd"" role" USING (owner = 'it''s');
COMMENT ON POLICY "Read Policy" ON docs IS 'odd names';
