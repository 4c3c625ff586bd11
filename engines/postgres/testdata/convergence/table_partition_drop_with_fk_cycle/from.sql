CREATE SCHEMA geo;
CREATE TABLE geo.regions (code text NOT NULL, capital text, PRIMARY KEY (code)) PARTITION BY LIST (code);
CREATE TABLE geo.regions_n PARTITION OF geo.regions FOR VALUES IN ('n');
CREATE TABLE geo.regions_s PARTITION OF geo.regions FOR VALUES IN ('s');
CREATE TABLE cities (region text NOT NULL, name text NOT NULL, PRIMARY KEY (region, name)) PARTITION BY LIST (region);
CREATE TABLE cities_n PARTITION OF cities FOR VALUES IN ('n');
ALTER TABLE cities ADD CONSTRAINT cities_region_fkey FOREIGN KEY (region) REFERENCES geo.regions (code);
ALTER TABLE geo.regions ADD CONSTRAINT regions_capital_fkey FOREIGN KEY (code, capital) REFERENCES cities (region, name);
ALTER TABLE cities_n ADD CONSTRAINT cities_n_local_fkey FOREIGN KEY (region) REFERENCES geo.regions_n (code);
