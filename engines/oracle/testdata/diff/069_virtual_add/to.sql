CREATE TABLE t (price NUMBER(10,2), qty NUMBER(5), total AS (price * qty) VIRTUAL);
