CREATE TABLE logs (id bigint NOT NULL, logged_at timestamptz NOT NULL, level text DEFAULT 'info') PARTITION BY RANGE (logged_at);
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
