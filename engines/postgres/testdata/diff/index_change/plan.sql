-- schemasync plan (postgres): 6 statements

-- hazard index_dropped: queries using index public.t.t_gone_idx lose it
-- hazard not_transactional: DROP INDEX CONCURRENTLY runs outside a transaction, after the statements before it are committed
DROP INDEX CONCURRENTLY public.t_gone_idx;

-- hazard index_build: index public.t.t_a_idx is built CONCURRENTLY: reads and writes of public.t go on, the build scans the table twice
-- hazard not_transactional: CREATE INDEX CONCURRENTLY runs outside a transaction, after the statements before it are committed
CREATE INDEX CONCURRENTLY t_a_idx_ssync_new ON public.t USING btree (a, b) WHERE ((a > 0));

-- hazard index_build: index public.t.t_lower_idx is built CONCURRENTLY: reads and writes of public.t go on, the build scans the table twice
-- hazard may_fail_on_data: a unique index fails on duplicate keys; apply drops the INVALID index a failed build leaves
-- hazard not_transactional: CREATE INDEX CONCURRENTLY runs outside a transaction, after the statements before it are committed
CREATE UNIQUE INDEX CONCURRENTLY t_lower_idx ON public.t USING btree ((lower(b)) DESC);

-- hazard index_dropped: the old index public.t.t_a_idx is dropped once its replacement is built
-- hazard not_transactional: DROP INDEX CONCURRENTLY runs outside a transaction, after the statements before it are committed
DROP INDEX CONCURRENTLY public.t_a_idx;

SET lock_timeout = '5s';

ALTER INDEX public.t_a_idx_ssync_new RENAME TO t_a_idx;

