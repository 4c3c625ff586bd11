CREATE TABLE t (id bigint AUTO_RANDOM PRIMARY KEY, a int, gone int);
CREATE TABLE child (id int PRIMARY KEY, t_id bigint, CONSTRAINT c_t FOREIGN KEY (t_id) REFERENCES t (id));
