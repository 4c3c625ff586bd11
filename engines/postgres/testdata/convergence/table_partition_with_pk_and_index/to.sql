CREATE TABLE orders (
    id bigint NOT NULL,
    ordered_on date NOT NULL,
    customer_id integer NOT NULL,
    PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
