CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
CREATE VIEW active_users AS SELECT id, email FROM users;
CREATE FUNCTION first_user() RETURNS active_users LANGUAGE sql STABLE AS $$ SELECT * FROM active_users ORDER BY id LIMIT 1 $$;
CREATE FUNCTION describe(u active_users) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT u.email $$;
