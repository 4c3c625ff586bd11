CREATE FUNCTION is_valid_sku(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s ~ '^[A-Z]{3}-[0-9]+$' $$;
CREATE DOMAIN sku AS text CHECK (is_valid_sku(VALUE));
CREATE TABLE products (code sku PRIMARY KEY);
