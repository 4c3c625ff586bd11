-- CONSTRAINT symbol UNIQUE KEY index_name: MySQL and MariaDB name the key
-- index_name, TiDB names it symbol; a key without index_name is the symbol.
CREATE TABLE fuga (
  id int NOT NULL AUTO_INCREMENT,
  code varchar(10),
  other int,
  PRIMARY KEY (id),
  CONSTRAINT `symbol` UNIQUE KEY `uniq_id` USING BTREE (`id`),
  CONSTRAINT only_symbol UNIQUE (code)
);
ALTER TABLE fuga ADD CONSTRAINT sym2 UNIQUE INDEX uniq_other (other);
