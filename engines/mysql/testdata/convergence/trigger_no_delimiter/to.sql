CREATE TABLE t (id int PRIMARY KEY, a int, b int, updated datetime);
CREATE TABLE log (id int AUTO_INCREMENT PRIMARY KEY, msg varchar(100));
CREATE TRIGGER t_ad AFTER DELETE ON t FOR EACH ROW BEGIN INSERT INTO log (msg) VALUES ('deleted'); END;
