CREATE TABLE t (id int PRIMARY KEY, a int, b int, updated datetime);
CREATE TABLE log (id int AUTO_INCREMENT PRIMARY KEY, msg varchar(100));
DELIMITER //
CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW
BEGIN
  IF NEW.a <> OLD.a THEN
    SET NEW.updated = now();
  ELSEIF NEW.a IS NULL THEN
    SET NEW.a = 0;
  END IF;
END//
DELIMITER ;
