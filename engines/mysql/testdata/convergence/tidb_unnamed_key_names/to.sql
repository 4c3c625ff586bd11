-- TiDB names a key without a name after the statement's named keys.
CREATE TABLE other (id int PRIMARY KEY);
CREATE TABLE pets (id int, name varchar(255), login varchar(255), PRIMARY KEY (id), KEY (name), KEY (login), KEY login (login, name));
