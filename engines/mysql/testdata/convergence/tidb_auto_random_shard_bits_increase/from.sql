CREATE TABLE t (
  id bigint AUTO_RANDOM(3) PRIMARY KEY,
  v int
);
