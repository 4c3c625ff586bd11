CREATE TABLE t (id int);
GRANT CREATE ON SCHEMA public TO schemasync_role_a;
