CREATE TABLE a0 (id int PRIMARY KEY, v varchar(10));
CREATE TABLE a1 (id int PRIMARY KEY, v varchar(11));
CREATE TABLE a2 (id int PRIMARY KEY, v varchar(12));
CREATE TABLE a3 (id int PRIMARY KEY, v varchar(13));
CREATE TABLE a4 (id int PRIMARY KEY, v varchar(14));
CREATE TABLE a5 (id int PRIMARY KEY, v varchar(15));
CREATE TABLE a6 (id int PRIMARY KEY, v varchar(16));
CREATE TABLE a7 (id int PRIMARY KEY, v varchar(17));
