CREATE FUNCTION utc_now() RETURNS timestamptz LANGUAGE sql SET timezone = 'UTC' SET search_path = public AS $$ SELECT now() $$;
