CREATE TABLE items (id integer PRIMARY KEY, status text NOT NULL DEFAULT 'new');
