CREATE DOMAIN quantity AS integer DEFAULT 10 NOT NULL
    CONSTRAINT quantity_positive CHECK (VALUE >= 0)
    CONSTRAINT quantity_bounded CHECK (VALUE < 100000);
CREATE TABLE order_lines (id integer PRIMARY KEY, qty quantity);
CREATE FUNCTION double_qty(q quantity) RETURNS integer LANGUAGE sql AS $$ SELECT q * 2 $$;
