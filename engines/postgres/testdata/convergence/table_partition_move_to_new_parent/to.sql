CREATE TABLE orders_v2 (id integer NOT NULL, region text NOT NULL, UNIQUE (region, id)) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders_v2 FOR VALUES IN ('eu');
CREATE UNIQUE INDEX orders_region_idx ON orders_v2 (region, id);
