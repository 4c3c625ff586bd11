DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER tr2
  after insert on t
FOR EACH ROW
BEGIN
  SET @x = 1;
END */;;
