CREATE TABLE orders (id integer NOT NULL, region text NOT NULL, UNIQUE (region, id)) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE UNIQUE INDEX orders_region_idx ON orders (region, id);
