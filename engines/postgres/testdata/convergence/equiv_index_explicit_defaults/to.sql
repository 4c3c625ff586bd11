CREATE TABLE t (a integer, b integer);
CREATE INDEX t_ab ON t USING btree (a ASC NULLS LAST, b DESC NULLS FIRST);
