-- Aggregates and the functions they use dropped: the view that calls them
-- first, then the aggregates, then their support functions.
CREATE TABLE orders (id integer PRIMARY KEY, customer text, amount numeric(12,2), placed date);
CREATE AGGREGATE int_sum(int) (sfunc = int4pl, stype = int, initcond = 0);
