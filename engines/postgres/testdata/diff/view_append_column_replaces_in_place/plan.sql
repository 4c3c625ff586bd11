-- schemasync plan (postgres): 1 statement

CREATE OR REPLACE VIEW public.v AS
SELECT t.a,
    t.b
   FROM t;

