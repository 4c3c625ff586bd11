CREATE TABLE a (id bigint PRIMARY KEY, x varchar(100) NOT NULL DEFAULT '', z boolean);
CREATE TABLE c (id integer PRIMARY KEY, a_id bigint REFERENCES a (id) ON DELETE CASCADE);
CREATE INDEX c_a_id_idx ON c (a_id);
CREATE VIEW av AS SELECT id, x, z FROM a;
CREATE SEQUENCE new_seq START WITH 10;
