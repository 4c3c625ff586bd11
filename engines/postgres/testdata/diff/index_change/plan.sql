-- schemasync plan (postgres): 4 statements

-- hazard index_dropped: queries using index public.t.t_a_idx lose it
DROP INDEX public.t_a_idx;

-- hazard index_dropped: queries using index public.t.t_gone_idx lose it
DROP INDEX public.t_gone_idx;

-- hazard blocking_lock: CREATE INDEX blocks writes to public.t while it builds
-- hazard index_build: building index public.t.t_a_idx reads the whole table
CREATE INDEX t_a_idx ON public.t USING btree (a, b) WHERE ((a > 0));

-- hazard blocking_lock: CREATE INDEX blocks writes to public.t while it builds
-- hazard index_build: building index public.t.t_lower_idx reads the whole table
CREATE UNIQUE INDEX t_lower_idx ON public.t USING btree ((lower(b)) DESC);

