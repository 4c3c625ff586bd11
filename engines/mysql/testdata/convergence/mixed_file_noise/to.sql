-- a comment
/* block comment; with semicolon */
SET NAMES utf8mb4;
SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;
CREATE TABLE a (id int);
# hash comment
CREATE TABLE IF NOT EXISTS b (id int, note varchar(10) DEFAULT ';');
