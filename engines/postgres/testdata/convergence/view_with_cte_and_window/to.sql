CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, country char(2), active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());

CREATE VIEW ranked_orders AS
WITH recent AS (
    SELECT * FROM orders WHERE placed_at > now() - interval '30 days'
)
SELECT id, customer_id, amount,
       row_number() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rank
FROM recent;
