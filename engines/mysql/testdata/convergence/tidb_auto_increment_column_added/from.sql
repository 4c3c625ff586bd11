CREATE TABLE qux (age int);
