-- A primary key added ONLY to the parent, and a unique index on the
-- partition that was meant to become its part.
CREATE TABLE orders (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
ALTER TABLE ONLY orders ADD CONSTRAINT orders_pkey PRIMARY KEY (region, id);
CREATE UNIQUE INDEX orders_eu_pkey ON orders_eu (region, id);
