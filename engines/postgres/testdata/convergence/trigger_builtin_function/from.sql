CREATE TABLE docs (id integer PRIMARY KEY, body text, search tsvector, updated timestamp);
