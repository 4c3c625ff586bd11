CREATE TABLE customers_by_region (id integer NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE customers_eu PARTITION OF customers_by_region FOR VALUES IN ('de', 'fr');
CREATE TABLE customers_other PARTITION OF customers_by_region DEFAULT;
