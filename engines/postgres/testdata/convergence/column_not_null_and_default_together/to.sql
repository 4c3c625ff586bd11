CREATE TABLE items (id integer PRIMARY KEY, flags integer NOT NULL DEFAULT 0);
