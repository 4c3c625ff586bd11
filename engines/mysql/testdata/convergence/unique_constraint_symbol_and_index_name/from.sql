CREATE TABLE fuga (id int NOT NULL AUTO_INCREMENT, code varchar(10), PRIMARY KEY (id));
