-- schemasync plan (postgres): 6 statements

SET lock_timeout = '5s';

DROP VIEW public.w;

DROP VIEW public.v;

-- hazard rewrites_table: changing a from integer to bigint rewrites public.t
ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;

CREATE VIEW public.v AS
SELECT t.a,
    t.b
   FROM t;

CREATE VIEW public.w AS
SELECT v.a
   FROM v;

