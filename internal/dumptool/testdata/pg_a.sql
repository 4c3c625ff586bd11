--
-- PostgreSQL database dump
--

\restrict AAAA

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE FUNCTION public.f() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.a := 1;
  RETURN NEW;
END;
$$;

CREATE TABLE public.t (
    id integer NOT NULL,
    a integer,
    b text
);

COMMENT ON DATABASE ss_t_one IS 'x';

ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);

\unrestrict AAAA
