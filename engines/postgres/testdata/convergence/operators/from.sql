CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $_$ SELECT textregexeq($2, $1); $_$;
CREATE FUNCTION int_close(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) < 2';
CREATE FUNCTION int_far(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) >= 2';
CREATE OPERATOR ~~~ (FUNCTION = int_close, LEFTARG = int, RIGHTARG = int, RESTRICT = eqsel);
CREATE OPERATOR public.!~~ (FUNCTION = int_far, LEFTARG = int, RIGHTARG = int);
COMMENT ON OPERATOR !~~ (int, int) IS 'far';
