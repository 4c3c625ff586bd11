-- Triggers running pg_catalog's trigger functions, named with and without
-- the schema: the server prints them bare, and the plan creates them as
-- built-ins, not as functions of public.
CREATE TABLE docs (id integer PRIMARY KEY, body text, search tsvector, updated timestamp);
CREATE TRIGGER docs_same BEFORE UPDATE ON docs FOR EACH ROW
    EXECUTE FUNCTION pg_catalog.suppress_redundant_updates_trigger();
CREATE TRIGGER docs_search BEFORE INSERT OR UPDATE ON docs FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', body);
