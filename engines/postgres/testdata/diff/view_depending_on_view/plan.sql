-- schemasync plan (postgres): 5 statements

SET lock_timeout = '5s';

DROP VIEW public.v1;

CREATE VIEW public.v1 AS
SELECT t.a
   FROM t;

CREATE VIEW public.a_v0 AS
SELECT v1.a
   FROM v1;

CREATE VIEW public.v3 AS
SELECT a_v0.a
   FROM a_v0;

