CREATE TABLE t (a int, b int, c int, d text);
CREATE STATISTICS s_kinds (ndistinct) ON a, b FROM t;
CREATE STATISTICS s_cols ON a, b FROM t;
CREATE STATISTICS s_target ON c, d FROM t;
ALTER STATISTICS s_target SET STATISTICS 100;
CREATE STATISTICS s_gone ON a, d FROM t;
CREATE STATISTICS s_comment ON b, c FROM t;
COMMENT ON STATISTICS s_comment IS 'old';
