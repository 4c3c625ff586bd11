CREATE DOMAIN quantity AS integer DEFAULT 1 CHECK (VALUE > 0);
CREATE TABLE order_lines (id integer PRIMARY KEY, qty quantity);
CREATE FUNCTION double_qty(q quantity) RETURNS integer LANGUAGE sql AS $$ SELECT q * 2 $$;
