CREATE TABLE pair (a int, b text);
CREATE TABLE counter (n bigint);
CREATE TABLE kept (id int);
CREATE TABLE kept_idx (id int);
