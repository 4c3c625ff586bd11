CREATE EXTENSION citext;
CREATE TABLE logins (id integer PRIMARY KEY, username citext NOT NULL UNIQUE);
