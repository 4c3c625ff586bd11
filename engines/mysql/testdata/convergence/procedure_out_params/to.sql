CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE PROCEDURE stats(OUT n int, INOUT m int, x decimal(10,2))
BEGIN
  SELECT count(*) INTO n FROM t;
  SET m = m + 1;
END//
DELIMITER ;
