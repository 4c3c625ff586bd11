-- An event trigger's tag list changes (dropped and created again), another
-- is enabled for replicas, and one more is dropped with its function.
CREATE TABLE audit (id bigserial PRIMARY KEY, tag text, at timestamptz DEFAULT now());
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (tag) VALUES (tg_tag);
END $$;
CREATE EVENT TRIGGER log_tables ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'CREATE INDEX')
    EXECUTE FUNCTION log_ddl();
ALTER EVENT TRIGGER log_tables ENABLE REPLICA;
COMMENT ON EVENT TRIGGER log_tables IS 'who changed what';
