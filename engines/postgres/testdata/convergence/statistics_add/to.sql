CREATE TABLE orders (id int PRIMARY KEY, city text, zip text, state text, amount numeric);
-- columns in another order than the table's, kinds in another order than the server's
CREATE STATISTICS orders_geo (mcv, ndistinct) ON zip, city FROM orders;
CREATE STATISTICS orders_all ON state, city, zip FROM orders;
ALTER STATISTICS orders_all SET STATISTICS 500;
COMMENT ON STATISTICS orders_geo IS 'zip decides city';
CREATE STATISTICS orders_city_state ON city, state FROM orders;
