CREATE FUNCTION add_one(n integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n + 1 $$;
