-- schemasync:renamed-from users
CREATE TABLE people (
  id int PRIMARY KEY,
  -- schemasync:renamed-from name
  display_name varchar(80) NOT NULL,
  team_id int,
  KEY (team_id)
);
CREATE TABLE teams (id int PRIMARY KEY);
ALTER TABLE people ADD FOREIGN KEY (team_id) REFERENCES teams (id);
CREATE TABLE orders (
  id int PRIMARY KEY,
  -- schemasync:renamed-from user_id
  person_id int,
  CONSTRAINT orders_user FOREIGN KEY (person_id) REFERENCES people (id)
);
