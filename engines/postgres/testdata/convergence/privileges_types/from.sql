CREATE TYPE mood AS ENUM ('a', 'b');
GRANT USAGE ON TYPE mood TO schemasync_role_a;
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
GRANT USAGE ON TYPE color TO schemasync_role_b;
