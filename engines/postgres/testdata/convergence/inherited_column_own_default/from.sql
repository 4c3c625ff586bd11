CREATE TABLE parent (id integer NOT NULL, created timestamptz NOT NULL DEFAULT now(), kind text DEFAULT 'p');
CREATE TABLE child () INHERITS (parent);
CREATE TABLE other_child (extra int) INHERITS (parent);
ALTER TABLE ONLY other_child ALTER COLUMN kind SET DEFAULT 'o';
CREATE TABLE measurements (id int, at date, source text DEFAULT 'sensor') PARTITION BY RANGE (at);
CREATE TABLE m2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
