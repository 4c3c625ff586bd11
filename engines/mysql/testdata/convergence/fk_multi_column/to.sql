CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (id int, x int, y int, CONSTRAINT fk_xy FOREIGN KEY (x, y) REFERENCES p (a, b));
