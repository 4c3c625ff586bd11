-- A copy is partitioned as its table is.
CREATE TABLE events (id int NOT NULL, at date NOT NULL, kind varchar(10), PRIMARY KEY (id, at), KEY events_kind (kind))
  PARTITION BY RANGE (year(at)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE shards (id int NOT NULL PRIMARY KEY, v int) PARTITION BY HASH (id) PARTITIONS 4;
CREATE TABLE events_archive LIKE events;
ALTER TABLE events_archive ADD COLUMN archived_at datetime;
CREATE TABLE shards_copy LIKE shards;
