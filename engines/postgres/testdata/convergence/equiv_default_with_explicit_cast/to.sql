CREATE TABLE t (a integer DEFAULT '0'::integer, b text DEFAULT 'x'::text, c numeric DEFAULT 1.5::numeric);
