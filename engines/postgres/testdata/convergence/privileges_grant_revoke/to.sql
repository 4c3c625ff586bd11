CREATE TABLE public.t (id int PRIMARY KEY, name text, secret text);
CREATE SEQUENCE public.s;
CREATE TABLE public.u (id serial PRIMARY KEY);
CREATE TABLE public.n (id int);
-- a privilege kept, one taken, a grant option taken, column privileges changed
GRANT SELECT, UPDATE ON public.t TO schemasync_role_a;
GRANT SELECT ON public.t TO schemasync_role_b;
GRANT SELECT (id, name), UPDATE (name) ON public.t TO schemasync_role_b;
GRANT ALL ON SEQUENCE public.s TO "schemasync ""odd"" role" WITH GRANT OPTION;
REVOKE UPDATE ON SEQUENCE public.s FROM "schemasync ""odd"" role";
GRANT USAGE, SELECT ON SEQUENCE public.u_id_seq TO PUBLIC;
GRANT ALL ON public.n TO schemasync_role_a;
REVOKE GRANT OPTION FOR SELECT ON public.t FROM schemasync_role_b;
