CREATE EXTENSION btree_gist;
CREATE TABLE reservations (id integer PRIMARY KEY, room integer NOT NULL, during tstzrange NOT NULL, cancelled boolean NOT NULL DEFAULT false);
ALTER TABLE reservations ADD CONSTRAINT reservations_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled);
