CREATE TABLE posts (id int NOT NULL PRIMARY KEY, title varchar(200), body text);
