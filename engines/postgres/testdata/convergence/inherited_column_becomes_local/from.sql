CREATE TABLE stamped (created_at timestamp DEFAULT now(), e integer);
CREATE TABLE a (a1 integer, a2 integer) INHERITS (stamped);
