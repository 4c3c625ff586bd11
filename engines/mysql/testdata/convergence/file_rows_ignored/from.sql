CREATE TABLE settings (k varchar(20) PRIMARY KEY, v varchar(100));
