CREATE SEQUENCE t_id_seq;
CREATE TABLE t (id bigint NOT NULL DEFAULT nextval('t_id_seq'));
ALTER SEQUENCE t_id_seq OWNED BY t.id;
