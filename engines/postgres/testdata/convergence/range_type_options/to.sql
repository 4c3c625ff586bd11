CREATE FUNCTION numeric_gap(a numeric, b numeric) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT (a - b)::double precision $$;
CREATE TYPE price_range AS RANGE (subtype = numeric, subtype_diff = numeric_gap);
CREATE TYPE word_span AS RANGE (subtype = text, collation = "C", multirange_type_name = word_spans);
CREATE TABLE offers (id integer PRIMARY KEY, prices price_range, words word_span);
