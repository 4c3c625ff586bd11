CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, name varchar(20));
CREATE VIEW user_names AS SELECT `ss_cf_named_fixture`.`users`.`name` AS `name` FROM `ss_cf_named_fixture`.`users`;
