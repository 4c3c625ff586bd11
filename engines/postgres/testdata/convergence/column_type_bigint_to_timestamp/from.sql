CREATE TABLE clicks (id integer PRIMARY KEY, at_ms bigint, at_tz bigint);
