CREATE TABLE t (id int PRIMARY KEY, code varchar(10), name varchar(20), CONSTRAINT ck_code CHECK (code REGEXP '^[A-Z]+$'), CONSTRAINT ck_name CHECK (name NOT LIKE 'x%' AND code NOT IN ('a', 'b')));
