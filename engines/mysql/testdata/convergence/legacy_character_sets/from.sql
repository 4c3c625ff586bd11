CREATE TABLE names (id int PRIMARY KEY, name varchar(40)) DEFAULT CHARSET=latin1;
