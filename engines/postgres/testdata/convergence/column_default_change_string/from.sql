CREATE TABLE items (id integer PRIMARY KEY, v varchar(20) DEFAULT 'pending');
