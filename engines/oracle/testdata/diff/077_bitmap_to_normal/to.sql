CREATE TABLE t (g CHAR(1));
CREATE INDEX t_g_ix ON t (g);
