-- A state function whose parameter names change is dropped and created
-- again: the aggregate over it, unchanged, and the view calling that are
-- dropped before and created after.
CREATE TABLE readings (id integer PRIMARY KEY, v integer);
CREATE FUNCTION keep_max(acc integer, val integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(acc, val) $$;
CREATE AGGREGATE peak(integer) (sfunc = keep_max, stype = integer);
CREATE VIEW peaks AS SELECT peak(v) AS top FROM readings;
