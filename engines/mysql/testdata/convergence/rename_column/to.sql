CREATE TABLE t (
  id int PRIMARY KEY,
  -- schemasync:renamed-from name
  full_name varchar(20),
  remark text, -- schemasync:renamed-from note
  KEY (full_name)
);
