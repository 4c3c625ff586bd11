CREATE TABLE pages (site text NOT NULL, path text NOT NULL) PARTITION BY LIST (site);
CREATE TABLE pages_one PARTITION OF pages FOR VALUES IN ('one');
CREATE TABLE pages_two PARTITION OF pages FOR VALUES IN ('two');
CREATE INDEX pages_path ON ONLY pages (path);
CREATE INDEX pages_one_path ON pages_one (path);
ALTER INDEX pages_path ATTACH PARTITION pages_one_path;
CREATE INDEX pages_two_path ON pages_two (path);
ALTER INDEX pages_path ATTACH PARTITION pages_two_path;
