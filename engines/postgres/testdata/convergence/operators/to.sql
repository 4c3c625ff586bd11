CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $_$ SELECT textregexeq($2, $1); $_$;
CREATE FUNCTION int_close(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) < 2';
CREATE FUNCTION int_far(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) >= 2';
CREATE FUNCTION neg_text(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT reverse($1)';
-- danbooru's, as pg_dump prints it
CREATE OPERATOR public.~<< (
    FUNCTION = public.reverse_textregexeq,
    LEFTARG = text,
    RIGHTARG = text
);
-- estimators change in place; commutator and negator make it new
CREATE OPERATOR ~~~ (FUNCTION = int_close, LEFTARG = integer, RIGHTARG = integer, RESTRICT = scalarltsel, JOIN = scalarltjoinsel, COMMUTATOR = ~~~, NEGATOR = !~~);
CREATE OPERATOR public.!~~ (FUNCTION = int_far, LEFTARG = int4, RIGHTARG = int4, COMMUTATOR = OPERATOR(public.!~~), NEGATOR = ~~~);
COMMENT ON OPERATOR !~~ (integer, integer) IS 'far apart';
-- a prefix operator
CREATE OPERATOR @@@ (FUNCTION = neg_text, RIGHTARG = text);
CREATE TABLE words (w text CHECK (w ~<< '^a'));
