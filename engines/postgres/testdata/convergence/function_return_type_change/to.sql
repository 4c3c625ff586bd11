CREATE FUNCTION add_one(x integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT x::bigint + 1 $$;
