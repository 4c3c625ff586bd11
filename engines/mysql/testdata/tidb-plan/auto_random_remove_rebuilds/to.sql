CREATE TABLE t (id bigint PRIMARY KEY, a int, added int DEFAULT 1, CONSTRAINT positive CHECK (a > 0));
CREATE TABLE child (id int PRIMARY KEY, t_id bigint, CONSTRAINT c_t FOREIGN KEY (t_id) REFERENCES t (id));
