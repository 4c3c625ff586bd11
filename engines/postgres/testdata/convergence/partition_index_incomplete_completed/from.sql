-- The parent's index lacks a partition's part, and no index on that
-- partition can become it.
CREATE TABLE logs (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE logs_1 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE logs_2 PARTITION OF logs FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE INDEX logs_day ON ONLY logs (day);
CREATE INDEX logs_1_day ON logs_1 (day);
ALTER INDEX logs_day ATTACH PARTITION logs_1_day;
