-- schemasync plan (postgres): 3 statements

SET lock_timeout = '5s';

-- hazard recreates_object: function public.f(integer) is dropped and created again: its parameters cannot change in place
DROP FUNCTION public.f(integer);

CREATE OR REPLACE FUNCTION public.f(b integer DEFAULT 0)
 RETURNS integer
 LANGUAGE sql
AS $function$ SELECT 1 $function$;

