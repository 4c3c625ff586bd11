CREATE TABLE tags (name text PRIMARY KEY);
CREATE VIEW tag_names AS SELECT name FROM tags;
CREATE FUNCTION tag_names_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM tags WHERE name = OLD.name;
    RETURN OLD;
END;
$$;
CREATE TRIGGER tag_names_del INSTEAD OF DELETE ON tag_names FOR EACH ROW EXECUTE FUNCTION tag_names_delete();
