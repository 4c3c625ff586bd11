CREATE TABLE t (a integer[], b character varying(10)[], c text[]);
