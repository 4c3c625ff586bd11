-- History files detach a partition: it stays as a table of its own with
-- the columns, defaults (its own one too), NOT NULLs and checks it had.
CREATE TABLE events (created_at timestamp NOT NULL, kind text DEFAULT 'info', payload text,
    CONSTRAINT events_kind_check CHECK (kind <> '')) PARTITION BY RANGE (created_at);
CREATE TABLE events_2025 PARTITION OF events (payload DEFAULT 'none', kind NOT NULL)
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE events DETACH PARTITION events_2025;
