-- schemasync plan (postgres): 3 statements

SET lock_timeout = '5s';

-- hazard rewrites_table: changing a from integer to bigint rewrites public.p
ALTER TABLE public.p ALTER COLUMN a TYPE bigint USING a::bigint;

ALTER TABLE public.p ADD COLUMN x text;

