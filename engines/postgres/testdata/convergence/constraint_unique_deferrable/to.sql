CREATE TABLE t (id integer PRIMARY KEY, position integer NOT NULL, CONSTRAINT t_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED);
