-- mysqldump style: each table dropped if it exists, then created; and a
-- table created and dropped again, so the end state has no scratch table.
DROP TABLE IF EXISTS `users`;
CREATE TABLE `users` (
  `id` int NOT NULL,
  `name` varchar(50) NOT NULL,
  PRIMARY KEY (`id`)
);
DROP TABLE IF EXISTS `scratch`;
CREATE TABLE `scratch` (`a` int, KEY `a_idx` (`a`));
CREATE INDEX scratch_a2 ON scratch (a);
DROP TABLE `scratch`;
DROP VIEW IF EXISTS `user_names`;
CREATE VIEW `user_names` AS SELECT `name` FROM `users`;
CREATE INDEX users_name ON users (name);
