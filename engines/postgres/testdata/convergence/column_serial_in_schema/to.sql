CREATE SCHEMA app;
CREATE TABLE app.notes (id serial PRIMARY KEY, body text);
