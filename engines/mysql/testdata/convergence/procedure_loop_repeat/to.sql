CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE PROCEDURE fill(n int)
BEGIN
  DECLARE i int DEFAULT 0;
  lbl: LOOP
    SET i = i + 1;
    IF i > n THEN LEAVE lbl; END IF;
  END LOOP lbl;
  REPEAT SET i = i - 1; UNTIL i <= 0 END REPEAT;
  SELECT repeat('x', 3), if(i > 0, 'a', 'b');
END//
DELIMITER ;
