-- The parent loses e; the child keeps a column e of its own (added after
-- the parent's is gone), and drops a2.
CREATE TABLE stamped (created_at timestamp DEFAULT now());
CREATE TABLE a (a1 integer, a2 integer) INHERITS (stamped);
ALTER TABLE a DROP COLUMN a2;
ALTER TABLE a ADD COLUMN e integer;
