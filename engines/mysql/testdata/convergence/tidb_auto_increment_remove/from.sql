CREATE TABLE t (
  id bigint NOT NULL AUTO_INCREMENT,
  v int,
  PRIMARY KEY (id)
);
