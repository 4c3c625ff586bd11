CREATE TABLE notes (id integer PRIMARY KEY, body text, author text);
CREATE VIEW note_list AS SELECT id, body, author FROM notes;
CREATE FUNCTION note_list_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notes (id, body) VALUES (NEW.id, NEW.body);
    RETURN NEW;
END;
$$;
CREATE TRIGGER note_list_ins INSTEAD OF INSERT ON note_list FOR EACH ROW EXECUTE FUNCTION note_list_insert();
COMMENT ON TRIGGER note_list_ins ON note_list IS 'writes through to notes';
