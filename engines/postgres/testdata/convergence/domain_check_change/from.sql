CREATE DOMAIN percent AS numeric(5,2) CONSTRAINT percent_range CHECK (VALUE >= 0 AND VALUE <= 100);
