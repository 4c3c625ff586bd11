CREATE TABLE metrics (host text NOT NULL, at date NOT NULL, v real) PARTITION BY LIST (host);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
-- Created first, this index is adopted by the partitioned index below.
CREATE INDEX metrics_a_at ON metrics_a (host, at);
CREATE INDEX metrics_host_at ON metrics (host, at);
-- Created after, this one stays an index of its own.
CREATE INDEX metrics_a_v ON metrics_a (v);
