CREATE TABLE t (id int PRIMARY KEY, a int, b int, updated datetime);
CREATE TABLE log (id int AUTO_INCREMENT PRIMARY KEY, msg varchar(100));
DELIMITER $$
CREATE TRIGGER t_au AFTER UPDATE ON t FOR EACH ROW
BEGIN
  INSERT INTO log (msg) VALUES (concat('updated ', NEW.id));
  INSERT INTO log (msg) VALUES ('second');
END$$
DELIMITER ;
