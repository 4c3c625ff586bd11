CREATE TABLE base (k int);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int, total int GENERATED ALWAYS AS (id * 2) STORED, seq int GENERATED ALWAYS AS IDENTITY, seq2 int GENERATED ALWAYS AS IDENTITY) INHERITS (base) WITH (fillfactor = 70);
