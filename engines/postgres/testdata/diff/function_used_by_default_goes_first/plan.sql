-- schemasync plan (postgres): 3 statements

CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'c'::text $function$;

CREATE TABLE public.t (
    code text DEFAULT public.next_code()
);

CREATE OR REPLACE FUNCTION public.count_t()
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT count(*) FROM public.t $function$;

