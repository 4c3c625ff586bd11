CREATE TABLE t (
  id bigint AUTO_RANDOM(5) NOT NULL,
  name varchar(20),
  PRIMARY KEY (id)
);
