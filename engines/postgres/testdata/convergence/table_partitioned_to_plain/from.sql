CREATE SEQUENCE visits_n_seq;
CREATE TABLE visits (n integer NOT NULL DEFAULT nextval('visits_n_seq'), day date NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX visits_day ON visits (day);
