-- schemasync:renamed-from users
CREATE TABLE people (
  id serial PRIMARY KEY,
  -- schemasync:renamed-from name
  full_name varchar(200) NOT NULL UNIQUE,
  age bigint
);
CREATE INDEX people_age_idx ON people (age);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id int REFERENCES people (id),
  total int -- schemasync:renamed-from amount
);
