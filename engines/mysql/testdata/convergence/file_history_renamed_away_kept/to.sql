-- A table renamed away and made again under its name, the old one kept:
-- the new CREATE TABLE follows the rename, and a target with the old
-- table gets it renamed, rows kept, and the new one made.
CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100));
ALTER TABLE logs RENAME TO logs_archive;
CREATE TABLE logs (id int PRIMARY KEY, msg varchar(100), level int);

-- Foreign keys made before the rename follow the table; those made after
-- reference the new table of the name.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE old_sessions (id int PRIMARY KEY, user_id int, CONSTRAINT old_sessions_user FOREIGN KEY (user_id) REFERENCES users (id));
ALTER TABLE users RENAME TO users_old;
CREATE TABLE users (id int PRIMARY KEY, name varchar(10));
CREATE TABLE sessions (id int PRIMARY KEY, user_id int, CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id));
