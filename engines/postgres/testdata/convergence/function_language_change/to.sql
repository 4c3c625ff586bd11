CREATE FUNCTION add_one(x integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE
    AS $$ BEGIN RETURN x + 1; END $$;
