CREATE TABLE bookings (id integer PRIMARY KEY, during tstzrange NOT NULL);
CREATE INDEX bookings_during_idx ON bookings USING gist (during);
