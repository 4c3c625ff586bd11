CREATE TABLE people (id integer PRIMARY KEY, name text, age integer);
CREATE FUNCTION adults(min_age integer DEFAULT 18) RETURNS TABLE (person_id integer, person_name text)
    LANGUAGE sql STABLE
    AS $$ SELECT id, name FROM people WHERE age >= min_age $$;
