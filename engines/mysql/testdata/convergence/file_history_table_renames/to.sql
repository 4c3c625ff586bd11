-- Tables renamed as history: foreign keys follow, a DROP of the new name
-- drops the table, and a target with the old names gets them renamed.
CREATE TABLE users (id int PRIMARY KEY, name varchar(40));
CREATE TABLE orders (id int PRIMARY KEY, user_id int, CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id));
CREATE TABLE scratch (id int PRIMARY KEY);
RENAME TABLE users TO people;
ALTER TABLE orders RENAME TO purchases, ADD COLUMN total int;
ALTER TABLE people ADD COLUMN email varchar(80);
RENAME TABLE scratch TO scratch2;
DROP TABLE scratch2;
