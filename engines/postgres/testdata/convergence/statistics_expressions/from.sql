CREATE TABLE people (id int, name varchar(100), born date, city text);
CREATE STATISTICS people_lower ON lower(name) FROM people;
CREATE STATISTICS people_mixed ON city, (extract(year FROM born)) FROM people;
