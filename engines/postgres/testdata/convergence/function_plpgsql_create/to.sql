CREATE FUNCTION clamp(v numeric, lo numeric, hi numeric) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
BEGIN
    IF v < lo THEN
        RETURN lo;
    ELSIF v > hi THEN
        RETURN hi;
    END IF;
    RETURN v;
END;
$$;
