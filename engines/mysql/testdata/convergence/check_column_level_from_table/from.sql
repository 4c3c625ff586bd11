CREATE TABLE t (id int NOT NULL PRIMARY KEY, status varchar(20), qty int,
  CONSTRAINT t_status_chk CHECK (status IN ('new', 'done')));
CREATE TABLE u (id int NOT NULL PRIMARY KEY, n int CHECK (n > 0), m int CHECK (m < 10));
