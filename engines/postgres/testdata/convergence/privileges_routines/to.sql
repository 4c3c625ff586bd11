-- Routines start with EXECUTE for PUBLIC: REVOKE takes it away, a file
-- that says nothing gives it back (f2). A routine dropped and created
-- again (f3: its return type changes) gets its grants again. GRANT … ON
-- ALL … IN SCHEMA takes what the files define before it, as the server
-- does running them in order.
CREATE FUNCTION f1(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
REVOKE ALL ON FUNCTION f1(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION f1 TO schemasync_role_a WITH GRANT OPTION;
CREATE FUNCTION f2() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE p1() LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION f3(x text) RETURNS varchar LANGUAGE sql AS 'SELECT x';
GRANT EXECUTE ON FUNCTION f3(text) TO schemasync_role_b;
CREATE SCHEMA api;
CREATE TABLE api.t (id int);
CREATE VIEW api.v AS SELECT id FROM api.t;
CREATE FUNCTION api.g1() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION api.g2(n int) RETURNS int LANGUAGE sql AS 'SELECT n';
CREATE PROCEDURE api.q() LANGUAGE sql AS 'SELECT 1';
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA api FROM PUBLIC;
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA api TO schemasync_role_b;
GRANT SELECT ON ALL TABLES IN SCHEMA api TO schemasync_role_a;
-- Defined after the grants: PUBLIC may run it, schemasync_role_b not.
CREATE FUNCTION api.g3() RETURNS int LANGUAGE sql AS 'SELECT 3';
