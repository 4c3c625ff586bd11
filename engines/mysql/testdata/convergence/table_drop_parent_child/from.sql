CREATE TABLE par (id int PRIMARY KEY);
CREATE TABLE chi (id int PRIMARY KEY, pid int, FOREIGN KEY (pid) REFERENCES par(id));
CREATE TABLE keep (id int);
