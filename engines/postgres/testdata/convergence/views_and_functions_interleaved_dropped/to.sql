-- The interleaved views, functions and aggregate are dropped, readers first.
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
