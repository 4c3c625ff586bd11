CREATE TABLE articles (id int PRIMARY KEY, title varchar(200), body text, tags varchar(200));
