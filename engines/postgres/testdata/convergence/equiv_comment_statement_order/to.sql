CREATE TABLE t (a integer);
COMMENT ON COLUMN public.t.a IS 'y';
COMMENT ON TABLE public.t IS 'x';
