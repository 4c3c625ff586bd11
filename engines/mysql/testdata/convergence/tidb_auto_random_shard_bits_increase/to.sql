CREATE TABLE t (
  id bigint AUTO_RANDOM(6) PRIMARY KEY,
  v int
);
