CREATE TABLE t (a timestamptz DEFAULT now(), b timestamptz DEFAULT CURRENT_TIMESTAMP);
