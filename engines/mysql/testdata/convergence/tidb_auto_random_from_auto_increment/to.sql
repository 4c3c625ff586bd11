CREATE TABLE orders (
  id bigint NOT NULL AUTO_RANDOM(5),
  total decimal(10,2) NOT NULL DEFAULT 0,
  PRIMARY KEY (id) CLUSTERED
);
