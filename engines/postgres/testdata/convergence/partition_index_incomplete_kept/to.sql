-- An incomplete index in the files (ON ONLY, one partition not attached):
-- it loads, dumps (ON ONLY, parts attached under names of their own) and
-- parses back as it is. A plan makes it whole (a part cannot be detached).
CREATE TABLE logs (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE logs_1 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE logs_2 PARTITION OF logs FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE logs_3 PARTITION OF logs FOR VALUES FROM ('2026-03-01') TO ('2026-04-01');
CREATE INDEX logs_day ON ONLY logs (day);
CREATE INDEX logs_1_day ON logs_1 (day);
ALTER INDEX logs_day ATTACH PARTITION logs_1_day;
CREATE INDEX logs_2_day ON logs_2 (day);
ALTER INDEX logs_day ATTACH PARTITION logs_2_day;
