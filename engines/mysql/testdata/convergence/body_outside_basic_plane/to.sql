-- information_schema shows an emoji in a body as "?": bodies compare with that.
CREATE TABLE log (id int PRIMARY KEY AUTO_INCREMENT, msg varchar(100) CHARACTER SET utf8mb4);
CREATE PROCEDURE cheer() INSERT INTO log (msg) VALUES ('well done 🎉');
CREATE TRIGGER log_bi BEFORE INSERT ON log FOR EACH ROW SET NEW.msg = concat(NEW.msg, ' ✅👍');
CREATE VIEW party AS SELECT id, concat('🎈', msg) AS msg FROM log;
CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO INSERT INTO log (msg) VALUES ('🌙');
