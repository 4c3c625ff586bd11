CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric);
CREATE VIEW regional AS SELECT region, amount FROM sales;
CREATE FUNCTION add_amount(acc numeric, r regional) RETURNS numeric LANGUAGE sql IMMUTABLE
    AS $$ SELECT acc + coalesce(r.amount, 0) $$;
CREATE AGGREGATE total_of(regional) (SFUNC = add_amount, STYPE = numeric, INITCOND = '0');
CREATE VIEW grand_total AS SELECT total_of(r.*) AS total FROM regional r;
CREATE FUNCTION totals() RETURNS SETOF grand_total LANGUAGE sql AS $$ SELECT * FROM grand_total $$;
CREATE FUNCTION region_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(DISTINCT region) FROM regional $$;
CREATE VIEW summary AS SELECT region_count() AS regions, (SELECT total FROM grand_total) AS total;
