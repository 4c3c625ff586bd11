CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, country char(2), active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
