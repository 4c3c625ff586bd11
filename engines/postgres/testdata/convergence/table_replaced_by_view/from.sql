CREATE SCHEMA x;
CREATE TABLE x.data (id uuid PRIMARY KEY, name text);
-- a dropped table referencing the replaced one: it must be dropped first
CREATE TABLE x.notes (id int PRIMARY KEY, data_id uuid REFERENCES x.data (id));
CREATE TABLE x.data_child (extra int) INHERITS (x.data);
CREATE VIEW x.q AS SELECT * FROM x.data;
