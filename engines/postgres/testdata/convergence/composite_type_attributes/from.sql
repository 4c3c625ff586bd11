CREATE TYPE descr AS (title text, score int, note varchar(20));
CREATE TABLE t1 (id int, d descr);
CREATE TYPE pair AS (a int, b int);
CREATE TYPE moved AS (a int, b int);
CREATE TYPE retyped AS (a int, b int);
CREATE TYPE aliases AS (a timestamptz, b int4, c bool, d varchar(3), e numeric(5,2));
