CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, a int, b varchar(20)) COMMENT='people''s table';
