-- Columns in a publication's column list are dropped: the list is set
-- without them before the columns go; a new table joins it after it exists.
CREATE TABLE results (id bigint PRIMARY KEY, score integer);
CREATE TABLE notes (id bigint PRIMARY KEY);
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
CREATE PUBLICATION realtime FOR TABLE results (id, score), TABLE notes (id), TABLE events;
