CREATE TABLE items (id integer PRIMARY KEY, note text, legacy_code char(4));
