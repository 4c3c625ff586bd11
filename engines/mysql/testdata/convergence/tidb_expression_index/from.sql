CREATE TABLE users (
  id int PRIMARY KEY,
  email varchar(100) NOT NULL,
  name varchar(50)
);
