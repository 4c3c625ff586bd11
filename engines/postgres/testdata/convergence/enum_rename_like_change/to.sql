CREATE TYPE state AS ENUM ('pending', 'finished');
CREATE TABLE tasks (id integer PRIMARY KEY, state state);
