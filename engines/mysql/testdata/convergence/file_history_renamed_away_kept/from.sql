CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100));
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE old_sessions (id int PRIMARY KEY, user_id int, CONSTRAINT old_sessions_user FOREIGN KEY (user_id) REFERENCES users (id));
