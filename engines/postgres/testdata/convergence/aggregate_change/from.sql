CREATE TABLE orders (id integer PRIMARY KEY, customer text, amount numeric(12,2), placed date);

CREATE AGGREGATE int_sum(int) (sfunc = int4pl, stype = int, initcond = 0);

CREATE FUNCTION avg_step(state numeric[], v numeric) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ARRAY[state[1] + v, state[2] + 1] $$;
CREATE FUNCTION avg_final(state numeric[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN state[2] = 0 THEN NULL ELSE state[1] / state[2] END $$;
CREATE FUNCTION avg_combine(a numeric[], b numeric[]) RETURNS numeric[]
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ARRAY[a[1] + b[1], a[2] + b[2]] $$;
CREATE AGGREGATE my_avg(numeric) (
    SFUNC = avg_step,
    STYPE = numeric[],
    FINALFUNC = avg_final,
    COMBINEFUNC = avg_combine,
    INITCOND = '{0,0}',
    PARALLEL = SAFE
);

CREATE FUNCTION count_step(bigint, anyelement) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE FUNCTION count_unstep(bigint, anyelement) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 - 1';
CREATE AGGREGATE moving_count(anyelement) (
    sfunc = count_step, stype = bigint, initcond = '0',
    msfunc = count_step, minvfunc = count_unstep, mstype = bigint, minitcond = '0'
);

CREATE FUNCTION rows_step(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';
CREATE AGGREGATE row_count(*) (sfunc = rows_step, stype = int8, initcond = '0');

CREATE AGGREGATE pick_percentile(float8 ORDER BY anyelement) (
    sfunc = ordered_set_transition, stype = internal,
    finalfunc = percentile_disc_final, finalfunc_extra
);

CREATE AGGREGATE old_max (BASETYPE = date, SFUNC = date_larger, STYPE = date, SORTOP = >);

COMMENT ON AGGREGATE my_avg(numeric) IS 'average without the built-in';

CREATE VIEW customer_totals AS
    SELECT customer, int_sum(id) AS ids, my_avg(amount) AS average, row_count(*) AS n, old_max(placed) AS last_order
    FROM orders GROUP BY customer;
