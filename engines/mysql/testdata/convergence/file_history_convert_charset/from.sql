CREATE TABLE notes (id int PRIMARY KEY, title varchar(100), body text, summary tinytext, tag enum('a','b'), raw varbinary(10)) DEFAULT CHARSET=latin1;
