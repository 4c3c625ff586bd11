CREATE TYPE state AS ENUM ('pending', 'done');
CREATE TABLE tasks (id integer PRIMARY KEY, state state);
