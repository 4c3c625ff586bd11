--
-- PostgreSQL database dump
--

\restrict BBBB

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

COMMENT ON DATABASE ss_t_two IS 'x';

CREATE TABLE public.t (
    id integer NOT NULL,
    b text,
    a integer
);

ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);

CREATE FUNCTION public.f() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.a := 1;
  RETURN NEW;
END;
$$;

\unrestrict BBBB
