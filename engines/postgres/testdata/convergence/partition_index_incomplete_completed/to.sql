-- The index, whole: the missing part is built on its partition alone and
-- attached, not the parent's index made again.
CREATE TABLE logs (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE logs_1 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE logs_2 PARTITION OF logs FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE INDEX logs_day ON logs (day);
