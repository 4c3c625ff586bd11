CREATE TABLE public.t (id integer PRIMARY KEY);
CREATE INDEX t_id_desc ON public.t USING btree (id DESC);
