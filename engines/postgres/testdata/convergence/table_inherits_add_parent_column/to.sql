CREATE TABLE vehicles (id integer NOT NULL, make text NOT NULL, built_year smallint);
CREATE TABLE trucks (payload_kg integer) INHERITS (vehicles);
