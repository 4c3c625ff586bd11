CREATE TABLE t (name VARCHAR2(50));
CREATE INDEX t_name_ix ON t (UPPER(name));
