-- A domain whose base type is a table's row type is created after that
-- table, and a table with a column of the domain after the domain.
CREATE TABLE settings (k text PRIMARY KEY, v text);
CREATE TABLE point2 (x integer, y integer);
CREATE DOMAIN checked_point AS point2 CHECK ((VALUE).x IS NOT NULL);
CREATE TABLE shapes (id integer PRIMARY KEY, origin checked_point, corners checked_point[]);
CREATE FUNCTION origin_of(s shapes) RETURNS checked_point LANGUAGE sql AS $$ SELECT s.origin $$;
