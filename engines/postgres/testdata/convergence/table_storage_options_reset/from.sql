CREATE TABLE counters (id integer PRIMARY KEY, hits bigint) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);
