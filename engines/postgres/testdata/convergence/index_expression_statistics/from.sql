CREATE TABLE posts (id int, tags text, source text);
CREATE INDEX posts_tags ON posts USING gin (string_to_array(tags, ' '));
ALTER INDEX posts_tags ALTER COLUMN 1 SET STATISTICS 3000;
CREATE INDEX posts_lower ON posts (lower(source), id);
ALTER INDEX posts_lower ALTER COLUMN 1 SET STATISTICS 100;
CREATE INDEX posts_upper ON posts (upper(source));
