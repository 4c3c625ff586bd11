-- schemasync plan (postgres): 2 statements

ALTER TABLE public.t ADD COLUMN new text DEFAULT 'x'::text NOT NULL;

-- hazard deletes_data: dropping column public.t.old deletes its data
ALTER TABLE public.t DROP COLUMN old;

