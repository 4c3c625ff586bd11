CREATE TABLE counters (id integer PRIMARY KEY, hits bigint) WITH (fillfactor = 70);
