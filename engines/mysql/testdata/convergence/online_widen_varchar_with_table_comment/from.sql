CREATE TABLE items (id int PRIMARY KEY, name varchar(100) NOT NULL, qty int) COMMENT 'Line items';
