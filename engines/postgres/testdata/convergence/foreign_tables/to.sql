-- Foreign tables: columns with options, defaults, NOT NULL, a check, the
-- table's server and options, comments; one built up with ALTER FOREIGN
-- TABLE in the files.
CREATE FOREIGN DATA WRAPPER remote_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER remote_fdw;
CREATE SCHEMA ext;
CREATE FOREIGN TABLE ext.customers (
    id integer NOT NULL,
    name text OPTIONS (column_name 'full_name'),
    tier text DEFAULT 'basic',
    CONSTRAINT customers_id_check CHECK (id > 0)
) SERVER remote OPTIONS (schema_name 'crm', table_name 'customers');
COMMENT ON FOREIGN TABLE ext.customers IS 'customers of the CRM';
COMMENT ON COLUMN ext.customers.name IS 'as the CRM spells it';
CREATE FOREIGN TABLE ext.events (id bigint) SERVER remote;
ALTER FOREIGN TABLE ext.events ADD COLUMN kind text;
ALTER FOREIGN TABLE ext.events OPTIONS (ADD table_name 'events');
ALTER FOREIGN TABLE ext.events ALTER COLUMN kind OPTIONS (ADD column_name 'event_kind');
