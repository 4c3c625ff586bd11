-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

ALTER TABLE public.other DROP CONSTRAINT other_pid_fkey;

-- hazard deletes_data: dropping table public.child deletes all its rows
DROP TABLE public.child;

-- hazard deletes_data: dropping table public.parent deletes all its rows
DROP TABLE public.parent;

