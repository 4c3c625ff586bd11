-- On MariaDB a check written in the column is the column's (LEVEL Column).
CREATE TABLE t (id int NOT NULL PRIMARY KEY, status varchar(20) CHECK (status IN ('new', 'done')), qty int CHECK (qty >= 0));
CREATE TABLE u (id int NOT NULL PRIMARY KEY, n bigint COMMENT 'wider' CHECK (n > 0), m int,
  CONSTRAINT u_m CHECK (m < 10));
