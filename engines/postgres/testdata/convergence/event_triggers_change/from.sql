CREATE TABLE audit (id bigserial PRIMARY KEY, tag text, at timestamptz DEFAULT now());
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (tag) VALUES (tg_tag);
END $$;
CREATE FUNCTION forbid_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'drops are reviewed';
END $$;
CREATE EVENT TRIGGER log_tables ON ddl_command_end
    WHEN TAG IN ('create table', 'ALTER TABLE')
    EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER no_drops ON sql_drop EXECUTE PROCEDURE forbid_drops();
ALTER EVENT TRIGGER no_drops DISABLE;
COMMENT ON EVENT TRIGGER log_tables IS 'who changed what';
