CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION mood_of(int) RETURNS mood LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 > 0 THEN 'happy'::mood ELSE 'sad'::mood END $$;
-- the context changes: dropped and made again
CREATE CAST (integer AS mood) WITH FUNCTION public.mood_of(integer) AS IMPLICIT;
COMMENT ON CAST (int4 AS mood) IS 'positive is happy';
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE CAST (mood AS text) WITH INOUT;
CREATE TABLE t (m mood DEFAULT 1);
