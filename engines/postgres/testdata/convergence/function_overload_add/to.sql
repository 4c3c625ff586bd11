CREATE FUNCTION area(r double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT pi() * r * r $$;
CREATE FUNCTION area(w integer, h integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$ SELECT w::bigint * h $$;
