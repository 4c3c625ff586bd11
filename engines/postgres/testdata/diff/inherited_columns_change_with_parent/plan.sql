-- schemasync plan (postgres): 2 statements

-- hazard rewrites_table: changing a from integer to bigint rewrites public.p
ALTER TABLE public.p ALTER COLUMN a TYPE bigint USING a::bigint;

ALTER TABLE public.p ADD COLUMN x text;

