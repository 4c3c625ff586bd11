CREATE SCHEMA app;
SET search_path = app, public;
CREATE FUNCTION valid_name(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> '' $$;
CREATE TYPE state AS ENUM ('on', 'off');
CREATE TABLE items (
    id int PRIMARY KEY,
    name text CHECK (valid_name(name)),
    st state DEFAULT 'on'
);
CREATE INDEX items_name_idx ON items (name);
COMMENT ON TABLE items IS 'lives in app';
RESET search_path;
CREATE TABLE things (id int, item_id int REFERENCES app.items (id));
