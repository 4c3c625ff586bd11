CREATE FOREIGN DATA WRAPPER old_fdw;
CREATE FOREIGN DATA WRAPPER new_fdw;
CREATE SERVER warehouse FOREIGN DATA WRAPPER old_fdw OPTIONS (host 'wh1');
CREATE USER MAPPING FOR CURRENT_USER SERVER warehouse OPTIONS (user 'loader');
CREATE FOREIGN TABLE stock (sku text, qty integer) SERVER warehouse OPTIONS (table_name 'stock');
CREATE VIEW low_stock AS SELECT sku FROM stock WHERE qty < 10;
