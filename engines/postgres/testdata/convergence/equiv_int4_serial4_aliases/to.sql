CREATE TABLE t (a int4, b float4, c float8);
