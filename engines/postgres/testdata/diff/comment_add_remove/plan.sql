-- schemasync plan (postgres): 6 statements

SET lock_timeout = '5s';

CREATE SCHEMA app;

COMMENT ON SCHEMA app IS 'the app';

COMMENT ON SCHEMA public IS 'standard public schema';

COMMENT ON TABLE public.t IS 'it''s new';

COMMENT ON COLUMN public.t.a IS NULL;

