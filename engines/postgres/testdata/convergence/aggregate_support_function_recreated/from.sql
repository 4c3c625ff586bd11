CREATE TABLE readings (id integer PRIMARY KEY, v integer);
CREATE FUNCTION keep_max(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(a, b) $$;
CREATE AGGREGATE peak(integer) (sfunc = keep_max, stype = integer);
CREATE VIEW peaks AS SELECT peak(v) AS top FROM readings;
