CREATE TABLE results (id bigint PRIMARY KEY, summary text, score integer);
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE PUBLICATION realtime FOR TABLE results (id, summary, score), TABLE notes (id, body);
