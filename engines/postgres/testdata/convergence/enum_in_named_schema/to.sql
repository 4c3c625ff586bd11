CREATE SCHEMA app;
CREATE TYPE app.role AS ENUM ('admin', 'editor', 'viewer');
CREATE TABLE app.members (id integer PRIMARY KEY, role app.role NOT NULL DEFAULT 'viewer');
