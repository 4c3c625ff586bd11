CREATE TABLE users (id int PRIMARY KEY, name varchar(50) NOT NULL, team_id int, KEY (team_id));
CREATE TABLE teams (id int PRIMARY KEY);
ALTER TABLE users ADD FOREIGN KEY (team_id) REFERENCES teams (id);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id));
