CREATE TABLE a (
  id int PRIMARY KEY,
  name text
);

CREATE TABLE b (id int,, x text);
