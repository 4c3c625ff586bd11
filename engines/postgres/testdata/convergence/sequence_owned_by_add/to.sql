CREATE SEQUENCE t_ids;
CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_ids'));
ALTER SEQUENCE t_ids OWNED BY t.id;
