CREATE TABLE people (id int, name varchar(100), born date, city text);
-- the same, spelled as the server prints it back is not; the plan must be empty for these two
CREATE STATISTICS people_lower ON (lower(name)) FROM people;
CREATE STATISTICS people_mixed ON (EXTRACT(year FROM born)), city FROM people;
-- a changed expression
CREATE STATISTICS people_upper ON upper(name::text) FROM people;
CREATE STATISTICS people_two (dependencies) ON (id % 10), (date_trunc('month', born::timestamp)) FROM people;
