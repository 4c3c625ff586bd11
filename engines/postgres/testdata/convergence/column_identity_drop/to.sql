CREATE TABLE events (id bigint NOT NULL PRIMARY KEY, name text);
