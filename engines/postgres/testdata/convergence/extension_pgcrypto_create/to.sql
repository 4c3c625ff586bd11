CREATE EXTENSION pgcrypto;
CREATE TABLE secrets (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), digest bytea DEFAULT digest('x', 'sha256'));
