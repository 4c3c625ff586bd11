CREATE SCHEMA app;
CREATE TABLE app.items (id integer PRIMARY KEY, tenant integer NOT NULL, price numeric(10,2));
ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_tenant ON app.items TO schemasync_role_a, schemasync_role_b USING (tenant = 2) WITH CHECK (price > 0);
CREATE POLICY items_cheap ON app.items FOR SELECT USING (price < 10.5);
