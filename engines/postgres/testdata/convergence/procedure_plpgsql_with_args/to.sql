CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), message text);
CREATE PROCEDURE log_message(msg text, INOUT written integer DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit (message) VALUES (msg);
    written := 1;
END
$$;
