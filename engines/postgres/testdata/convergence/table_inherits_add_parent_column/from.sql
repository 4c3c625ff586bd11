CREATE TABLE vehicles (id integer NOT NULL, make text NOT NULL);
CREATE TABLE trucks (payload_kg integer) INHERITS (vehicles);
