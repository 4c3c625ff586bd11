CREATE TABLE notes (
    id integer PRIMARY KEY,
    created timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    flag boolean DEFAULT (1 < 2 AND true),
    label text COLLATE "C" DEFAULT ('a' COLLATE "C")
);
CREATE TABLE more (v timestamp DEFAULT (current_timestamp AT TIME ZONE 'Europe/Paris'));
