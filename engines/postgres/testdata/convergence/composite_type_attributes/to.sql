-- descr is used by a column: attributes are dropped and added in place
CREATE TYPE descr AS (title text, note varchar(20), added_at timestamptz, "Odd Name" text COLLATE "C");
CREATE TABLE t1 (id int, d descr);
CREATE TYPE pair AS (a int, b int, c int);
-- order or type changes make a new type
CREATE TYPE moved AS (b int, a int);
CREATE TYPE retyped AS (a bigint, b int);
-- unchanged, in alias names
CREATE TYPE aliases AS (a timestamptz, b int4, c bool, d varchar(3), e numeric(5,2));
