CREATE EXTENSION citext;
CREATE SCHEMA tenancy;
CREATE SCHEMA audit;
CREATE TABLE tenancy.tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug citext NOT NULL UNIQUE,
    plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
    settings jsonb NOT NULL DEFAULT '{}'
);
CREATE TABLE tenancy.users (
    tenant_id uuid NOT NULL REFERENCES tenancy.tenants (id) ON DELETE CASCADE,
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    email citext NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
CREATE TABLE audit.log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    at timestamptz NOT NULL DEFAULT now(),
    tenant_id uuid,
    action text NOT NULL,
    detail jsonb
) PARTITION BY RANGE (at);
CREATE TABLE audit.log_2025 PARTITION OF audit.log FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE INDEX log_tenant_idx ON audit.log (tenant_id, at);
CREATE FUNCTION audit.record(t uuid, a text, d jsonb) RETURNS void
    LANGUAGE sql
    AS $$ INSERT INTO audit.log (tenant_id, action, detail) VALUES (t, a, d) $$;
