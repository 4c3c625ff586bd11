CREATE TABLE public.t (id int PRIMARY KEY, a int);
CREATE VIEW public.v AS SELECT id, a FROM public.t;
GRANT SELECT ON public.v TO schemasync_role_a;
GRANT SELECT ON public.t TO schemasync_role_a;
