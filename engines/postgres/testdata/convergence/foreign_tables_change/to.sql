-- Foreign tables changed: a column added, one dropped, a type, default and
-- NOT NULL changed, options of the table and of a column changed, a
-- comment changed, one table moved to another server (created again) and
-- one dropped.
CREATE FOREIGN DATA WRAPPER remote_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER remote_fdw;
CREATE SERVER other FOREIGN DATA WRAPPER remote_fdw;
CREATE SCHEMA ext;
CREATE FOREIGN TABLE ext.customers (
    id bigint,
    name text OPTIONS (column_name 'name'),
    tier text DEFAULT 'gold' NOT NULL,
    since date,
    CONSTRAINT customers_id_check CHECK (id > 0)
) SERVER other OPTIONS (schema_name 'crm2', table_name 'customers');
COMMENT ON FOREIGN TABLE ext.customers IS 'customers';
CREATE FOREIGN TABLE ext.audit (id bigint, at timestamptz) SERVER remote OPTIONS (table_name 'audit');
