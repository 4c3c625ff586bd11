CREATE TABLE notes (body text, id serial NOT NULL);
