CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, priority integer DEFAULT 0, notes text)
    PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
