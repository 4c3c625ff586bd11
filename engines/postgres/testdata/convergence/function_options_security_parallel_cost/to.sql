CREATE FUNCTION secret_count() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE COST 500
    SET search_path = pg_catalog
    AS $$ SELECT count(*) FROM pg_class $$;
