CREATE TYPE address AS (street text, city text, country char(2));
