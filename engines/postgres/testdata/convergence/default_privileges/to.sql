-- ALTER DEFAULT PRIVILEGES entries are managed, and, as on the server,
-- what the files create after an entry takes its grants (not what comes
-- before it, nor what a FOR ROLE entry names another creator for). A plan
-- sets the entries after making its objects, which start from the
-- target's entries.
CREATE SCHEMA app;
CREATE TABLE app.before (id int);
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO schemasync_role_b;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO schemasync_role_a;
ALTER DEFAULT PRIVILEGES FOR ROLE schemasync_role_a GRANT SELECT ON TABLES TO schemasync_role_b;
CREATE TABLE app.old_t (id int);
CREATE TABLE app.new_t (id serial);
CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE SCHEMA extra;
GRANT SELECT ON app.new_t TO schemasync_role_a;
