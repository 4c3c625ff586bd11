-- CONVERT TO CHARACTER SET moves every character column to the new set, and
-- TEXT columns grow to hold as many characters as before.
CREATE TABLE notes (id int PRIMARY KEY, title varchar(100), body text, summary tinytext, tag enum('a','b'), raw varbinary(10)) DEFAULT CHARSET=latin1;
ALTER TABLE notes CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
