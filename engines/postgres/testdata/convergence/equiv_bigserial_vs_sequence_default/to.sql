CREATE TABLE t (id bigserial);
