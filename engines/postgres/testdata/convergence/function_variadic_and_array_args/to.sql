CREATE FUNCTION total(VARIADIC nums numeric[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT sum(x) FROM unnest(nums) AS x $$;
CREATE FUNCTION first_tag(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT tags[1] $$;
