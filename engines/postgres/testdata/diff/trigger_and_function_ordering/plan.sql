-- schemasync plan (postgres): 5 statements

SET lock_timeout = '5s';

DROP TRIGGER old_trg ON public.t;

CREATE OR REPLACE FUNCTION public.new_fn()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.a := 1; RETURN NEW; END $function$;

CREATE TRIGGER new_trg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.new_fn();

DROP FUNCTION public.old_fn();

