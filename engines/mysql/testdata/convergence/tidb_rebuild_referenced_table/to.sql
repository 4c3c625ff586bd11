CREATE TABLE parent (
  id int NOT NULL,
  code varchar(10) NOT NULL,
  PRIMARY KEY (id) NONCLUSTERED,
  UNIQUE KEY code (code)
);
CREATE TABLE child (
  id int PRIMARY KEY,
  parent_id int,
  CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)
);
