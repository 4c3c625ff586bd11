CREATE TABLE tickets (id integer PRIMARY KEY, priority text NOT NULL);
