-- The partition's own index is attached, not dropped and built again.
CREATE TABLE events (id int, kind text, at date) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
CREATE INDEX events_at ON ONLY events (at);
CREATE INDEX events_a_at ON events_a (at);
ALTER INDEX events_at ATTACH PARTITION events_a_at;
CREATE INDEX events_b_at_local ON events_b (at);
ALTER INDEX events_at ATTACH PARTITION events_b_at_local;
