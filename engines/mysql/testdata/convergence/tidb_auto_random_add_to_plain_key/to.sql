CREATE TABLE t (
  id bigint NOT NULL AUTO_RANDOM,
  name varchar(20),
  PRIMARY KEY (id)
);
