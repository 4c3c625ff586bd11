-- The index becomes the partition's key and the parent's part: the plan
-- must not drop it (the partition would lose its uniqueness).
CREATE TABLE orders (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
ALTER TABLE ONLY orders ADD CONSTRAINT orders_pkey PRIMARY KEY (region, id);
CREATE UNIQUE INDEX orders_eu_pkey ON orders_eu (region, id);
ALTER TABLE orders_eu ADD CONSTRAINT orders_eu_pkey PRIMARY KEY USING INDEX orders_eu_pkey;
ALTER INDEX orders_pkey ATTACH PARTITION orders_eu_pkey;
