CREATE TABLE items (id int PRIMARY KEY, qty int DEFAULT 1, note varchar(20), created datetime DEFAULT CURRENT_TIMESTAMP);
