-- Publications changed: options, the list (a column list, a filter, a
-- table added, a table the plan drops left out), from all tables to a list
-- (dropped and created), one dropped, and one whose list becomes empty.
CREATE SCHEMA sales;
CREATE TABLE sales.orders (id integer PRIMARY KEY, region text, total numeric, note text);
CREATE TABLE customers (id integer PRIMARY KEY, name text, email text);
CREATE PUBLICATION everything FOR TABLE customers;
CREATE PUBLICATION eu_orders FOR TABLE sales.orders (id, total) WHERE (region = 'eu' AND total > 0), TABLE customers
    WITH (publish = 'insert');
CREATE PUBLICATION crm;
COMMENT ON PUBLICATION crm IS 'customer data';
