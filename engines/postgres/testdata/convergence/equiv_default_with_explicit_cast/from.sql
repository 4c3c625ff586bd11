CREATE TABLE t (a integer DEFAULT 0, b text DEFAULT 'x', c numeric DEFAULT 1.5);
