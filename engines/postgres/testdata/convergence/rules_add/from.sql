CREATE TABLE items (id int PRIMARY KEY, name text, qty int);
CREATE TABLE items_log (id int, name text, at timestamptz DEFAULT now());
