CREATE FUNCTION add_one(x integer DEFAULT 0) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT x + 1 $$;
