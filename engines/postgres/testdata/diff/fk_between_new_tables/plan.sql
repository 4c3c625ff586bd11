-- schemasync plan (postgres): 3 statements

CREATE TABLE public.a_child (
    id integer NOT NULL,
    parent_id integer,
    CONSTRAINT a_child_pkey PRIMARY KEY (id)
);

CREATE TABLE public.b_parent (
    id integer NOT NULL,
    CONSTRAINT b_parent_pkey PRIMARY KEY (id)
);

ALTER TABLE public.a_child ADD CONSTRAINT a_child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.b_parent(id);

