CREATE TABLE owners (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE items (id int PRIMARY KEY, owner_code text, qty int, note text);
