CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, country char(2), active boolean NOT NULL DEFAULT true);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount numeric(10,2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());

CREATE VIEW customer_totals AS
SELECT c.id, c.name, count(o.id) AS order_count, coalesce(sum(o.amount), 0) AS total
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name
HAVING count(o.id) > 0
ORDER BY total DESC;
