CREATE TABLE users (id int NOT NULL, email varchar(100), is_active tinyint(1), PRIMARY KEY (id), KEY idx_email (email));
