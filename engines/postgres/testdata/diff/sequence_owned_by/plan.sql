-- schemasync plan (postgres): 3 statements

CREATE SEQUENCE public.t_id_seq AS integer;

CREATE TABLE public.t (
    id integer DEFAULT nextval('t_id_seq'::regclass) NOT NULL,
    CONSTRAINT t_pkey PRIMARY KEY (id)
);

ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;

