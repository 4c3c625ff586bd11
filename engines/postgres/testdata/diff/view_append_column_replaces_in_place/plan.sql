-- schemasync plan (postgres): 2 statements

SET lock_timeout = '5s';

CREATE OR REPLACE VIEW public.v AS
SELECT t.a,
    t.b
   FROM t;

