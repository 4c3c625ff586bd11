CREATE TABLE a (id integer PRIMARY KEY, x text, y integer);
CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));
CREATE INDEX b_a_id_idx ON b (a_id);
CREATE VIEW av AS SELECT id, x FROM a;
CREATE SEQUENCE old_seq;
