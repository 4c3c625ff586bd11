CREATE SCHEMA sales;
CREATE TABLE sales.orders (id integer PRIMARY KEY, region text, total numeric, note text);
CREATE TABLE customers (id integer PRIMARY KEY, name text, email text);
CREATE TABLE audit_log (id bigint PRIMARY KEY, entry text);
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION eu_orders FOR TABLE sales.orders (id, total, region) WHERE (region = 'eu')
    WITH (publish = 'insert, update');
CREATE PUBLICATION sales_schema FOR TABLES IN SCHEMA sales WITH (publish_via_partition_root = true);
CREATE PUBLICATION crm;
ALTER PUBLICATION crm ADD TABLE customers (id, name);
ALTER PUBLICATION crm ADD TABLE audit_log;
ALTER PUBLICATION crm DROP TABLE audit_log;
COMMENT ON PUBLICATION crm IS 'customer data for the CRM';
