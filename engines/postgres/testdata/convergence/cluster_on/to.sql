CREATE TABLE a (id int PRIMARY KEY, at timestamptz);
CREATE INDEX a_at ON a (at);
ALTER TABLE a CLUSTER ON a_at;
CREATE TABLE b (id int PRIMARY KEY);
ALTER TABLE b CLUSTER ON b_pkey;
ALTER TABLE b SET WITHOUT CLUSTER;
-- the marked index is built again: the mark goes with it and is set again
CREATE TABLE c (id int, v text);
CREATE INDEX c_v ON c (lower(v));
ALTER TABLE c CLUSTER ON c_v;
CREATE TABLE d (id int PRIMARY KEY);
CLUSTER d USING d_pkey;
