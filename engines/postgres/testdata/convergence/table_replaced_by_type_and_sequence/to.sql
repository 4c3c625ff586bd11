CREATE TYPE pair AS (a int, b text);
CREATE SEQUENCE counter;
CREATE TABLE kept (id int, p pair, n bigint DEFAULT nextval('counter'));
