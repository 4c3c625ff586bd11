CREATE TABLE prices (id int PRIMARY KEY, start_at datetime);
