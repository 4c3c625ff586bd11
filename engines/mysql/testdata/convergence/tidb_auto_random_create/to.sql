CREATE TABLE keep (id int PRIMARY KEY);

CREATE TABLE events (
  id bigint AUTO_RANDOM PRIMARY KEY,
  payload varchar(100) NOT NULL
);

CREATE TABLE logs (
  id bigint NOT NULL /*T![auto_rand] AUTO_RANDOM(4, 54) */,
  line text,
  PRIMARY KEY (id) /*T![clustered_index] CLUSTERED */
);
