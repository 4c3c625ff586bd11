CREATE SCHEMA x;
CREATE TABLE x.t_data (id uuid PRIMARY KEY, name text);
CREATE VIEW x.data AS SELECT * FROM x.t_data;
CREATE VIEW x.q AS SELECT * FROM x.data;
