CREATE FUNCTION cap() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 100 $$;
CREATE FUNCTION canon(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(s) $$;
CREATE FUNCTION start_qty() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room text,
    CONSTRAINT bookings_room_excl EXCLUDE USING btree ((canon(room)) WITH =)
);
CREATE DOMAIN qty AS integer DEFAULT start_qty() CONSTRAINT qty_cap CHECK (VALUE <= cap());
CREATE TABLE stock (id integer PRIMARY KEY, amount qty);
INSERT INTO stock VALUES (1, 5);
