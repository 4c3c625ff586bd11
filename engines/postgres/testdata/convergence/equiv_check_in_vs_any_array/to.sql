CREATE TABLE t (s text, CONSTRAINT t_s_check CHECK (s IN ('a', 'b', 'c')));
