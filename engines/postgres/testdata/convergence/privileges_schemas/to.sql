-- Schema privileges are managed, but on public (initdb sets those by
-- version): a new schema gets its grants after it is made, a kept one
-- loses what the files no longer grant.
CREATE SCHEMA app;
GRANT USAGE, CREATE ON SCHEMA app TO schemasync_role_b WITH GRANT OPTION;
CREATE SCHEMA reports;
GRANT ALL ON SCHEMA reports TO schemasync_role_b;
REVOKE CREATE ON SCHEMA reports FROM schemasync_role_b;
CREATE SCHEMA api;
GRANT USAGE ON SCHEMA api TO PUBLIC;
GRANT USAGE ON SCHEMA api TO "schemasync ""odd"" role";
CREATE TABLE api.t (id int);
