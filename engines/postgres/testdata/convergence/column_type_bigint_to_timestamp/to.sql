CREATE TABLE clicks (id integer PRIMARY KEY, at_ms timestamp NOT NULL, at_tz timestamptz DEFAULT now());
