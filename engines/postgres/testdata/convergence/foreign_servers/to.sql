-- SQL/MED objects: a wrapper of the files' own (no handler) with options,
-- one from an extension, servers with type, version and options, user
-- mappings for the current role and PUBLIC (a password compared by digest),
-- comments; one mapping is created and dropped again in the files.
CREATE TABLE t (id integer PRIMARY KEY);
CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER files_fdw OPTIONS (debug 'true', mode 'fast');
COMMENT ON FOREIGN DATA WRAPPER files_fdw IS 'reads files';
CREATE SERVER archive TYPE 'archive' VERSION '2.1' FOREIGN DATA WRAPPER files_fdw OPTIONS (root '/srv/archive');
CREATE SERVER reporting FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'reports.internal', dbname 'reports');
COMMENT ON SERVER reporting IS 'the reporting replica';
CREATE USER MAPPING FOR CURRENT_USER SERVER reporting OPTIONS (user 'reader', password 'not-a-real-secret');
CREATE USER MAPPING FOR PUBLIC SERVER archive;
CREATE USER MAPPING FOR PUBLIC SERVER reporting OPTIONS (user 'guest');
DROP USER MAPPING FOR PUBLIC SERVER reporting;
ALTER SERVER archive OPTIONS (ADD compress 'yes');
