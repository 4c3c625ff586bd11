-- Tables give columns they inherit defaults of their own, as pg_dump
-- writes them; the parent's default changes too, which reaches every
-- child, so the children's own defaults are set again after it.
CREATE TABLE parent (id integer NOT NULL, created timestamptz NOT NULL DEFAULT now(), kind text DEFAULT 'q');
CREATE TABLE child () INHERITS (parent);
ALTER TABLE ONLY child ALTER COLUMN id SET DEFAULT 0;
CREATE TABLE other_child (extra int) INHERITS (parent);
ALTER TABLE ONLY other_child ALTER COLUMN kind SET DEFAULT 'o';
CREATE TABLE grandchild () INHERITS (child);
ALTER TABLE ONLY grandchild ALTER COLUMN kind SET DEFAULT 'g';
CREATE TABLE measurements (id int, at date, source text DEFAULT 'sensor') PARTITION BY RANGE (at);
CREATE TABLE m2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY m2024 ALTER COLUMN source SET DEFAULT 'archive';
