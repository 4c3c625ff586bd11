CREATE EXTENSION btree_gist;
CREATE TABLE reservations (id integer PRIMARY KEY, room integer NOT NULL, during tstzrange NOT NULL, cancelled boolean NOT NULL DEFAULT false);
