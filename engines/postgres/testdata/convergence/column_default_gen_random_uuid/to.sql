CREATE TABLE items (id integer PRIMARY KEY, v uuid DEFAULT gen_random_uuid());
