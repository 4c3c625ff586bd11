CREATE TABLE vehicles (id integer NOT NULL, make text NOT NULL);
CREATE TABLE buses (seats integer NOT NULL DEFAULT 40) INHERITS (vehicles);
