CREATE TABLE t (a int, b int, c int, d text);
CREATE STATISTICS s_kinds (ndistinct, dependencies) ON a, b FROM t;
CREATE STATISTICS s_cols ON a, b, c FROM t;
CREATE STATISTICS s_target ON c, d FROM t;
CREATE STATISTICS s_comment ON b, c FROM t;
COMMENT ON STATISTICS s_comment IS 'new';
CREATE STATISTICS s_new (dependencies, mcv, ndistinct) ON a, c FROM t;
ALTER STATISTICS s_new SET STATISTICS 0;
