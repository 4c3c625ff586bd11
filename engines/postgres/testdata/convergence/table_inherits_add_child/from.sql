CREATE TABLE vehicles (id integer NOT NULL, make text NOT NULL);
