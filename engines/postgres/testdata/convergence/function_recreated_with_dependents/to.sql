-- Functions whose result type changes are dropped and created again: the
-- defaults, checks, indexes (of tables and materialized views), trigger
-- conditions and views that call them, unchanged, are dropped before and
-- restored after.
CREATE FUNCTION default_priority() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 5 $$;
CREATE FUNCTION normalize_code(input text) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT lower(input) $$;
CREATE FUNCTION threshold() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 10 $$;
CREATE FUNCTION mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.flag := true; RETURN NEW; END $$;
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    code text,
    qty integer,
    flag boolean DEFAULT false,
    priority integer DEFAULT default_priority(),
    CONSTRAINT tickets_priority_check CHECK (priority <= default_priority() * 10)
);
CREATE UNIQUE INDEX tickets_code_key ON tickets ((normalize_code(code)));
CREATE TRIGGER tickets_mark BEFORE INSERT ON tickets FOR EACH ROW WHEN (NEW.qty > threshold()) EXECUTE FUNCTION mark();
CREATE VIEW small_tickets AS SELECT id, code FROM tickets WHERE qty < threshold();
CREATE MATERIALIZED VIEW codes AS SELECT code FROM tickets;
CREATE INDEX codes_normalized_idx ON codes ((normalize_code(code)));
