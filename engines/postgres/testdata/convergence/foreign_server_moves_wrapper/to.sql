-- A server moves to another wrapper: it is dropped and created again with
-- its user mapping and the foreign table on it (which holds no rows of
-- its own), and the view reading that table around them.
CREATE FOREIGN DATA WRAPPER old_fdw;
CREATE FOREIGN DATA WRAPPER new_fdw;
CREATE SERVER warehouse FOREIGN DATA WRAPPER new_fdw OPTIONS (host 'wh1');
CREATE USER MAPPING FOR CURRENT_USER SERVER warehouse OPTIONS (user 'loader');
CREATE FOREIGN TABLE stock (sku text, qty integer) SERVER warehouse OPTIONS (table_name 'stock');
CREATE VIEW low_stock AS SELECT sku FROM stock WHERE qty < 10;
