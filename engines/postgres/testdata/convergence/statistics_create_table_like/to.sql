CREATE TABLE src (id int, b int, a int, c text);
CREATE STATISTICS src_s1 (mcv) ON a, b FROM src;
CREATE STATISTICS src_s2 ON (a + b), c FROM src;
ALTER STATISTICS src_s2 SET STATISTICS 30;
COMMENT ON STATISTICS src_s2 IS 'sum and c';
CREATE TABLE copy_all (LIKE src INCLUDING ALL);
CREATE TABLE copy_stats (LIKE src INCLUDING STATISTICS);
CREATE TABLE copy_none (LIKE src);
