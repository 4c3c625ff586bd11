CREATE TABLE logs (at date NOT NULL, msg text) PARTITION BY RANGE (at);
CREATE TABLE logs_2023 (at date NOT NULL, msg text, extra integer);
CREATE INDEX logs_2023_at ON logs_2023 (at);
