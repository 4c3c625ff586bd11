-- The public schema's privileges are managed once the files name them,
-- from what initdb grants (PostgreSQL 15: USAGE for PUBLIC; REVOKE CREATE
-- … FROM PUBLIC, the usual hardening of older servers, changes nothing
-- there). Files that name none leave them as they are.
CREATE TABLE t (id int);
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO schemasync_role_b;
