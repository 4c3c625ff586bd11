CREATE TABLE t (id int PRIMARY KEY, loc point NOT NULL, area polygon, g geometry, SPATIAL KEY sx (loc));
