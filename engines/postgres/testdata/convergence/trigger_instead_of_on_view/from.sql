CREATE TABLE posts (id integer PRIMARY KEY, title text);
CREATE VIEW post_titles AS SELECT id, title FROM posts;
CREATE FUNCTION post_titles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO posts (id, title) VALUES (NEW.id, NEW.title);
    RETURN NEW;
END;
$$;
