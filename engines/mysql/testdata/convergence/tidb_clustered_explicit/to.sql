CREATE TABLE a (id int PRIMARY KEY);

CREATE TABLE c (
  id varchar(36) NOT NULL,
  PRIMARY KEY (id) CLUSTERED
);

CREATE TABLE n (
  k1 int NOT NULL,
  k2 varchar(10) NOT NULL,
  PRIMARY KEY (k1, k2) NONCLUSTERED
);

CREATE TABLE d (
  id bigint PRIMARY KEY /*T![clustered_index] NONCLUSTERED */
);
