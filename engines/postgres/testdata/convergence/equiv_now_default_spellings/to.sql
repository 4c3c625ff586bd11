CREATE TABLE t (a timestamptz DEFAULT NOW(), b timestamptz DEFAULT current_timestamp);
