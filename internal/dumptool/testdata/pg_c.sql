CREATE TABLE public.t (
    id integer NOT NULL,
    b text,
    a bigint
);

ALTER TABLE ONLY public.t
    ADD CONSTRAINT t_pkey PRIMARY KEY (id);

CREATE FUNCTION public.f() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.a := 2;
  RETURN NEW;
END;
$$;

COMMENT ON DATABASE ss_t_two IS 'x';
