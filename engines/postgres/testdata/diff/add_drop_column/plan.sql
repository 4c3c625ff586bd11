-- schemasync plan (postgres): 3 statements

SET lock_timeout = '5s';

ALTER TABLE public.t ADD COLUMN new text DEFAULT 'x'::text NOT NULL;

-- hazard deletes_data: dropping column public.t.old deletes its data
ALTER TABLE public.t DROP COLUMN old;

