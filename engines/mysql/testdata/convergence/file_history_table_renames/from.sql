CREATE TABLE users (id int PRIMARY KEY, name varchar(40));
CREATE TABLE orders (id int PRIMARY KEY, user_id int, CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE TABLE scratch (id int PRIMARY KEY);
