CREATE TABLE metrics (id int, host text, at date) PARTITION BY LIST (host);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
CREATE TABLE metrics_b PARTITION OF metrics FOR VALUES IN ('b');
