CREATE TABLE t (id integer, extra text NOT NULL DEFAULT 'x');
