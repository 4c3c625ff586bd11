CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO schemasync_role_a;
CREATE SCHEMA reports;
GRANT ALL ON SCHEMA reports TO schemasync_role_b;
