-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

-- hazard recreates_object: function public.f_ret(a integer) is dropped and created again: its return type cannot change in place
DROP FUNCTION public.f_ret(a integer);

CREATE OR REPLACE FUNCTION public.f_body(a integer)
 RETURNS integer
 LANGUAGE sql
AS $function$ SELECT a + 2 $function$;

CREATE OR REPLACE FUNCTION public.f_ret(a integer)
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT a::bigint $function$;

