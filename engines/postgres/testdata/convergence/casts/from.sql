CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION mood_of(int) RETURNS mood LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 > 0 THEN 'happy'::mood ELSE 'sad'::mood END $$;
CREATE CAST (int AS mood) WITH FUNCTION mood_of(int);
CREATE TYPE color AS ENUM ('red');
CREATE CAST (color AS text) WITH INOUT AS ASSIGNMENT;
