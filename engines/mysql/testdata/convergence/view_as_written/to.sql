-- Views are created with their query as written (the servers keep the text
-- they are sent): a reprint would store count(1) for count(*), upper() for
-- ucase(). A comment in the query makes the plan fall back to the reprint,
-- which must keep the check option a trailing comment would swallow.
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, s varchar(20));
CREATE VIEW w AS SELECT id, a FROM t WHERE a > 0 -- positive only
WITH CHECK OPTION;
CREATE VIEW v (n, up, later) AS
  SELECT count(*), ucase(max(s)), max(a) <> 1
  FROM t
  GROUP BY a
  HAVING count(*) > 1;
