CREATE TABLE items (id integer PRIMARY KEY, v timestamp DEFAULT now());
