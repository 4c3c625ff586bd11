CREATE TABLE t (region_id NUMBER(10), CONSTRAINT t_region_fk FOREIGN KEY (region_id) REFERENCES ref.regions (id));
