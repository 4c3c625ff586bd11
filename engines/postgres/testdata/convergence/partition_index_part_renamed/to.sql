-- The same index, its parts named in the files (as pg_dump writes them):
-- the parts are renamed, the index is not made again.
CREATE TABLE metrics (id int, host text, at date) PARTITION BY LIST (host);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
CREATE TABLE metrics_b PARTITION OF metrics FOR VALUES IN ('b');
CREATE INDEX metrics_at ON ONLY metrics (at);
CREATE INDEX metrics_a_day ON metrics_a (at);
ALTER INDEX metrics_at ATTACH PARTITION metrics_a_day;
CREATE INDEX metrics_b_day ON metrics_b (at);
ALTER INDEX metrics_at ATTACH PARTITION metrics_b_day;
