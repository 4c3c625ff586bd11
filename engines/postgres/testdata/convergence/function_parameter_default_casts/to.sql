-- Parameter defaults keep their casts in the created function (date +
-- unknown would be ambiguous), and compare with the server's text.
CREATE TABLE orders (id integer PRIMARY KEY, amount numeric);
CREATE FUNCTION expires(
    order_id integer,
    discount numeric DEFAULT 0,
    note varchar DEFAULT '',
    expiry_date date DEFAULT (CURRENT_DATE + INTERVAL '1 year'),
    since timestamptz DEFAULT now() - interval '30 days',
    tags text[] DEFAULT ARRAY['a', 'b']::text[]
) RETURNS date LANGUAGE sql STABLE AS $$ SELECT expiry_date $$;
