-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

DROP MATERIALIZED VIEW public.mv;

CREATE MATERIALIZED VIEW public.mv AS
SELECT t.a,
    t.b
   FROM t;

CREATE INDEX mv_a_idx ON public.mv USING btree (a);

