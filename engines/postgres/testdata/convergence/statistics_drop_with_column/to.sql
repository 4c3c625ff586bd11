-- b goes (its statistics with it, unless the files keep one without b);
-- g is dropped and added again for its new expression: s_ag is made again
CREATE TABLE t (a int, c int, g int GENERATED ALWAYS AS (a + 2) STORED);
CREATE STATISTICS s_ag ON a, g FROM t;
CREATE STATISTICS s_bc ON a, c FROM t;
