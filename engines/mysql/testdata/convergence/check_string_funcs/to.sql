CREATE TABLE t (id int, s varchar(20), CONSTRAINT ck_s CHECK (char_length(s) > 2 AND s LIKE 'a%'));
