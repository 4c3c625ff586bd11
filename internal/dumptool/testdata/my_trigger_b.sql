DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 trigger tr
  before insert on t for each row set new.b=1 */;;
/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`localhost`*/ /*!50106 EVENT `e` ON SCHEDULE EVERY 1 DAY STARTS '2026-11-27 01:25:50' ON COMPLETION PRESERVE ENABLE DO DELETE FROM t */ ;;
