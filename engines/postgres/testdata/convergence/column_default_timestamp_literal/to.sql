CREATE TABLE items (id integer PRIMARY KEY, v timestamp DEFAULT '2000-01-01 00:00:00');
