CREATE FUNCTION utc_now() RETURNS timestamptz LANGUAGE sql SET "TimeZone" TO 'UTC' SET SEARCH_PATH TO public AS $$ SELECT now() $$;
