-- SQL/MED objects changed: wrapper options (set, add, drop), a server's
-- version removed and options changed, a server moved to another wrapper
-- (dropped and created again with its mappings), a mapping's password
-- changed, one dropped.
CREATE TABLE t (id integer PRIMARY KEY);
CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER files_fdw OPTIONS (debug 'false', level '2');
CREATE FOREIGN DATA WRAPPER other_fdw;
CREATE SERVER archive TYPE 'archive' FOREIGN DATA WRAPPER other_fdw OPTIONS (root '/srv/archive2');
CREATE SERVER reporting FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'reports.internal', dbname 'reports', port '5433');
COMMENT ON SERVER reporting IS 'the reporting replica';
CREATE USER MAPPING FOR CURRENT_USER SERVER reporting OPTIONS (user 'reader', password 'another-fake-one');
CREATE USER MAPPING FOR PUBLIC SERVER archive OPTIONS (user 'anyone');
