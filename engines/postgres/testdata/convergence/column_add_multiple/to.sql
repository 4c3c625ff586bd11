CREATE TABLE items (
    id integer PRIMARY KEY,
    name varchar(80) NOT NULL DEFAULT '',
    price numeric(10,2),
    in_stock boolean NOT NULL DEFAULT true
);
