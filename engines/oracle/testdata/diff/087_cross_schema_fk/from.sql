CREATE TABLE t (region_id NUMBER(10));
