CREATE FUNCTION is_even(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT n % 2 = 0 $$;
CREATE FUNCTION next_even() RETURNS integer
    LANGUAGE sql VOLATILE AS $$ SELECT (floor(random() * 100))::integer * 2 $$;
CREATE TABLE evens (
    n integer NOT NULL DEFAULT next_even() CHECK (is_even(n))
);
