CREATE TABLE users (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  age int
);
CREATE INDEX users_age_idx ON users (age);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id int REFERENCES users (id),
  amount int
);
