CREATE TABLE metrics (host text NOT NULL, at date NOT NULL, v real) PARTITION BY LIST (host);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
