CREATE TABLE posts (id integer PRIMARY KEY, title text);
CREATE VIEW post_titles AS SELECT id, title FROM posts;
CREATE FUNCTION post_titles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO posts (id, title) VALUES (NEW.id, NEW.title);
    RETURN NEW;
END;
$$;
CREATE TRIGGER post_titles_ins INSTEAD OF INSERT ON post_titles FOR EACH ROW EXECUTE FUNCTION post_titles_insert();
