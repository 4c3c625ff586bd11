CREATE TABLE counters (id integer PRIMARY KEY, hits bigint) WITH (fillfactor = 85, autovacuum_enabled = false);
