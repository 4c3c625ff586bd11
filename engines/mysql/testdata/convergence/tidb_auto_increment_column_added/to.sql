-- TiDB adds no AUTO_INCREMENT column to an existing table: the table is rebuilt, rows kept.
CREATE TABLE qux (id int NOT NULL AUTO_INCREMENT, age int, UNIQUE KEY (id));
