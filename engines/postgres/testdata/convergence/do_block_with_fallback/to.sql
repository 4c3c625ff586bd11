CREATE TABLE t (a int, b text);
-- An installation script's guard: the statements run, the handler does not.
DO $$
BEGIN
  CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
  BEGIN
    CREATE INDEX t_f ON t (f(a));
  END;
EXCEPTION
  WHEN insufficient_privilege THEN
    CREATE INDEX t_a ON t (a);
END
$$;
