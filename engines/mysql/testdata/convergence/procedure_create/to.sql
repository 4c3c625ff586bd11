CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE PROCEDURE add_row(IN p_id int, IN p_a int)
BEGIN
  INSERT INTO t (id, a) VALUES (p_id, p_a);
END//
DELIMITER ;
