-- a column type change makes the plan drop and create the view again:
-- its grants must be given again
CREATE TABLE public.t (id int PRIMARY KEY, a bigint);
CREATE VIEW public.v AS SELECT id, a FROM public.t;
GRANT SELECT ON public.v TO schemasync_role_a;
GRANT SELECT ON public.t TO schemasync_role_a;
