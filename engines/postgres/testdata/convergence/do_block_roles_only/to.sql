-- A DO block that only creates roles (the server's, not the schema's) is
-- left out with a warning.
-- (The role exists already, so that the test leaves no role behind.)
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_read_all_data') THEN
        CREATE ROLE pg_read_all_data;
    END IF;
EXCEPTION WHEN duplicate_object THEN
    RAISE NOTICE 'role exists';
END $$;
CREATE TABLE orders (id integer PRIMARY KEY, total numeric(10,2));
GRANT SELECT ON orders TO PUBLIC;
