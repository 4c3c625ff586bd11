-- Files written as a history: a copy takes its table as the statements
-- before it left it, and follows only its own ALTERs after.
CREATE TABLE a (id int PRIMARY KEY, name varchar(40), CHECK (id > 0));
ALTER TABLE a ADD COLUMN email varchar(80) NOT NULL DEFAULT '';
ALTER TABLE a ADD UNIQUE KEY a_email (email);
ALTER TABLE a DROP COLUMN name;
CREATE TABLE b LIKE a;
ALTER TABLE a ADD COLUMN later int;
ALTER TABLE b ADD COLUMN extra int;
CREATE INDEX b_email_extra ON b (email, extra);
CREATE TABLE scratch (id int PRIMARY KEY, v int, KEY (v));
CREATE TABLE kept LIKE scratch;
DROP TABLE scratch;
