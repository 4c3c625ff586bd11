CREATE TABLE notes (id serial PRIMARY KEY, seq bigserial, body text);
