CREATE TABLE items (id integer PRIMARY KEY, v interval DEFAULT '1 day'::interval);
