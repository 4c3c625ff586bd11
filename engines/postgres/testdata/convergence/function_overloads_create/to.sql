CREATE FUNCTION area(r double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT pi() * r * r $$;
CREATE FUNCTION area(w double precision, h double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT w * h $$;
