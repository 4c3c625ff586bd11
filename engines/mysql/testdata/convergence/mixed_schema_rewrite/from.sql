CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, name varchar(50), email varchar(100), KEY (name));
CREATE TABLE posts (id int AUTO_INCREMENT PRIMARY KEY, user_id int, body text, FOREIGN KEY (user_id) REFERENCES users(id));
