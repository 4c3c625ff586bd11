-- The servers store * as the columns it stood for, and a comma join as a join.
CREATE TABLE a (id int PRIMARY KEY, x int);
CREATE TABLE b (id int PRIMARY KEY, y int);
CREATE VIEW va AS SELECT * FROM a WHERE x > 1;
CREATE VIEW vab AS SELECT a.*, b.y FROM a, b WHERE a.id = b.id;
