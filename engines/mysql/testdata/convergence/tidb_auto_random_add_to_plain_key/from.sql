CREATE TABLE t (
  id bigint NOT NULL,
  name varchar(20),
  PRIMARY KEY (id)
);
