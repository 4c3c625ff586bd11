CREATE TABLE rectangles (id integer PRIMARY KEY, w integer, h integer, area integer GENERATED ALWAYS AS (w * h * 2) STORED);
