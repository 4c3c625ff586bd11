-- The parent's index adopts a partition's index of the same definition as
-- that partition's part, under its name; the other part is named by the
-- server (metrics_b_at_idx). The plan makes the named part first.
CREATE TABLE metrics (id int, host text, at date) PARTITION BY LIST (host);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
CREATE TABLE metrics_b PARTITION OF metrics FOR VALUES IN ('b');
CREATE INDEX metrics_a_at_local ON metrics_a (at);
CREATE INDEX metrics_at ON metrics (at);
