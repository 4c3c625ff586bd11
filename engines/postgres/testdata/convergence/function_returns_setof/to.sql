CREATE TABLE people (id integer PRIMARY KEY, name text);
CREATE FUNCTION all_people() RETURNS SETOF people
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM people $$;
CREATE FUNCTION numbers_up_to(n integer) RETURNS SETOF integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT generate_series(1, n) $$;
