-- Functions dropped and created again (result type, parameter name) while
-- an exclusion constraint, a domain default and a domain check call them:
-- those are dropped before and given back after.
CREATE FUNCTION cap() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 100 $$;
CREATE FUNCTION canon(input text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(input) $$;
CREATE FUNCTION start_qty() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room text,
    CONSTRAINT bookings_room_excl EXCLUDE USING btree ((canon(room)) WITH =)
);
CREATE DOMAIN qty AS integer DEFAULT start_qty() CONSTRAINT qty_cap CHECK (VALUE <= cap());
CREATE TABLE stock (id integer PRIMARY KEY, amount qty);
