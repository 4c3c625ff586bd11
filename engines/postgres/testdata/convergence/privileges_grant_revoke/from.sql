CREATE TABLE public.t (id int PRIMARY KEY, name text, secret text);
CREATE SEQUENCE public.s;
CREATE TABLE public.u (id serial PRIMARY KEY);
GRANT SELECT, INSERT ON public.t TO schemasync_role_a;
GRANT SELECT ON public.t TO schemasync_role_b WITH GRANT OPTION;
GRANT UPDATE (name) ON public.t TO schemasync_role_b;
GRANT USAGE ON SEQUENCE public.s TO schemasync_role_a;
