CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, e enum('it''s','b') DEFAULT 'it''s');
