CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, a int, b varchar(20)) COLLATE=utf8mb4_unicode_ci;
