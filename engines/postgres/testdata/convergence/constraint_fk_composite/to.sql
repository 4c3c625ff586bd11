CREATE TABLE tenants_users (tenant_id integer, user_id integer, PRIMARY KEY (tenant_id, user_id));
CREATE TABLE tenants_docs (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    owner_id integer NOT NULL,
    CONSTRAINT tenants_docs_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES tenants_users (tenant_id, user_id) ON DELETE CASCADE
);
