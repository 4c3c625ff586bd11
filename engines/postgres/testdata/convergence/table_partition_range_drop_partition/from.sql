CREATE TABLE measurements (id bigint NOT NULL, taken_at date NOT NULL) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2022 PARTITION OF measurements FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
