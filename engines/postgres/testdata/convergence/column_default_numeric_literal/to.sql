CREATE TABLE items (id integer PRIMARY KEY, v numeric(4,2) DEFAULT 0.5);
