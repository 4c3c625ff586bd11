CREATE SCHEMA app;
CREATE TABLE app.users (id integer PRIMARY KEY, email text);
CREATE INDEX users_email_idx ON app.users (email);
