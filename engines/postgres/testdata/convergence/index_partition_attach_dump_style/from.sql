CREATE TABLE pages (site text NOT NULL, path text NOT NULL) PARTITION BY LIST (site);
CREATE TABLE pages_one PARTITION OF pages FOR VALUES IN ('one');
CREATE TABLE pages_two PARTITION OF pages FOR VALUES IN ('two');
