CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE FUNCTION grade(score int) RETURNS varchar(10)
  DETERMINISTIC
BEGIN
  DECLARE g varchar(10);
  IF score >= 90 THEN
    SET g = 'A';
  ELSE
    SET g = 'B';
  END IF;
  RETURN g;
END//
DELIMITER ;
