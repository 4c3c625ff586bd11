CREATE TABLE a (id int PRIMARY KEY, at timestamptz);
CREATE INDEX a_at ON a (at);
ALTER TABLE a CLUSTER ON a_pkey;
CREATE TABLE b (id int PRIMARY KEY);
ALTER TABLE b CLUSTER ON b_pkey;
CREATE TABLE c (id int, v text);
CREATE INDEX c_v ON c (v);
ALTER TABLE c CLUSTER ON c_v;
