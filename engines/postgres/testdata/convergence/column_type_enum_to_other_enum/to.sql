CREATE TYPE hue AS ENUM ('red', 'green', 'blue');
CREATE TABLE paint (id integer, c hue NOT NULL DEFAULT 'green', cs hue[]);
