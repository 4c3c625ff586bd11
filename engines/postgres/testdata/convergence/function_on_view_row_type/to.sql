-- Functions whose parameters or result are a view's row type are created
-- after the view, and dropped before it when it is created again.
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, role text NOT NULL DEFAULT 'member');
CREATE VIEW active_users AS SELECT id, email, role FROM users;
CREATE FUNCTION first_user() RETURNS active_users LANGUAGE sql STABLE AS $$ SELECT * FROM active_users ORDER BY id LIMIT 1 $$;
CREATE FUNCTION describe(u active_users) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT u.email $$;
CREATE VIEW contacts AS SELECT id, email AS name FROM users;
CREATE FUNCTION find_contact(contact_id integer) RETURNS SETOF contacts LANGUAGE sql STABLE ROWS 1 AS $$ SELECT * FROM contacts WHERE id = contact_id $$;
