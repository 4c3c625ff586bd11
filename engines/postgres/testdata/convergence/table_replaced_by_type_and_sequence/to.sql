CREATE TYPE pair AS (a int, b text);
CREATE SEQUENCE counter;
CREATE TABLE kept (id int, p pair, n bigint DEFAULT nextval('counter'));
-- and an index takes the name of a dropped table
CREATE INDEX kept_idx ON kept (id);
