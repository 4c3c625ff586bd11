CREATE TABLE orders (id int PRIMARY KEY, city text, zip text, state text, amount numeric);
