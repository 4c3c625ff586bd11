-- Types start with USAGE for PUBLIC; GRANT and REVOKE ON TYPE or DOMAIN
-- change that. A type the plan makes again (an enum losing a value) gets
-- its grants again.
CREATE TYPE mood AS ENUM ('a', 'b');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
GRANT USAGE ON DOMAIN posint TO schemasync_role_b;
CREATE TYPE pair AS (x int, y int);
REVOKE ALL ON TYPE pair FROM PUBLIC;
GRANT USAGE ON TYPE pair TO schemasync_role_a WITH GRANT OPTION;
CREATE TYPE color AS ENUM ('red', 'blue');
GRANT USAGE ON TYPE color TO schemasync_role_b;
