CREATE TABLE t (a integer, b integer, CONSTRAINT t_ab CHECK (((A > 0)) and ((B > (0)))));
