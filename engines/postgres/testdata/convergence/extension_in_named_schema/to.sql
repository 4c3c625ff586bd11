CREATE SCHEMA extensions;
CREATE EXTENSION hstore SCHEMA extensions;
CREATE TABLE settings (id integer PRIMARY KEY, attrs extensions.hstore);
