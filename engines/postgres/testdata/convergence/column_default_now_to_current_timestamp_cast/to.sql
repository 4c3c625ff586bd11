CREATE TABLE items (id integer PRIMARY KEY, v timestamp DEFAULT (now() AT TIME ZONE 'utc'));
