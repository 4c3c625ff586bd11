CREATE TABLE t (
  id bigint NOT NULL,
  v int,
  PRIMARY KEY (id)
);
