CREATE TABLE employees (id integer PRIMARY KEY, touched timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
CREATE TRIGGER employees_touch BEFORE UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER employees_touch_insert BEFORE INSERT ON employees FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE employees DISABLE TRIGGER employees_touch_insert;
