CREATE TABLE t (a character varying(10) DEFAULT 'new'::character varying);
