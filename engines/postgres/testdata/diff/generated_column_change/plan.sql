-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

ALTER TABLE public.t ALTER COLUMN h DROP EXPRESSION;

-- hazard deletes_data: column public.t.g is generated: it is dropped and added again to change its expression
ALTER TABLE public.t DROP COLUMN g;

-- hazard rewrites_table: computing g for every row rewrites public.t
ALTER TABLE public.t ADD COLUMN g integer GENERATED ALWAYS AS ((a * 4)) STORED;

