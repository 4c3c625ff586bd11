CREATE TYPE status AS ENUM ('draft', 'live');
CREATE TABLE docs (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'draft');
