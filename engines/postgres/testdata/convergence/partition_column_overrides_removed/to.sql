-- A partition's own NOT NULL and default are removed: DROP NOT NULL on the
-- partition, and its default back to the parent's.
CREATE TABLE orders (id bigint NOT NULL, region text NOT NULL, priority integer DEFAULT 0, notes text)
    PARTITION BY LIST (region);
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us') PARTITION BY LIST (id);
CREATE TABLE orders_us_1 PARTITION OF orders_us FOR VALUES IN (1);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_ap PARTITION OF orders (notes NOT NULL) FOR VALUES IN ('ap');
