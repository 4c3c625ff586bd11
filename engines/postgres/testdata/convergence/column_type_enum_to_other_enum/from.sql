CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TABLE paint (id integer, c colour NOT NULL DEFAULT 'red', cs colour[]);
