-- A trigger's enabled state changes in place; new triggers get theirs.
CREATE TABLE employees (id integer PRIMARY KEY, touched timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
CREATE TRIGGER employees_touch BEFORE UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER employees_touch_insert BEFORE INSERT ON employees FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER employees_touch_delete BEFORE DELETE ON employees FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE employees DISABLE TRIGGER employees_touch;
ALTER TABLE employees ENABLE ALWAYS TRIGGER employees_touch_delete;
ALTER TABLE employees ENABLE TRIGGER employees_touch_insert;
CREATE TABLE audit (id integer PRIMARY KEY, touched timestamptz);
CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE audit ENABLE REPLICA TRIGGER audit_touch;
