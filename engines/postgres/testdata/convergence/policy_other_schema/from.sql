CREATE SCHEMA app;
CREATE TABLE app.items (id integer PRIMARY KEY, tenant integer NOT NULL, price numeric(10,2));
CREATE POLICY items_tenant ON app.items TO schemasync_role_a USING (tenant = 1);
