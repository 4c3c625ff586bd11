-- SQL-standard bodies are created as written: the casts resolve the calls
-- (date_trunc(unknown, unknown) is ambiguous). The server keeps them
-- folded ('2025-01-01'::timestamp prints as '2025-01-01 00:00:00'), so a
-- plan compares them as the target server prints them.
CREATE TABLE events (id int PRIMARY KEY, at timestamp);
CREATE FUNCTION days_since() RETURNS SETOF timestamptz
  LANGUAGE sql STABLE
  RETURN generate_series(date_trunc('day', '2025-01-01'::timestamp), date_trunc('day', now()), '1 day'::interval);
CREATE FUNCTION recent(n int) RETURNS bigint
  LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM events WHERE at > '2025-06-01'::timestamp - (n || ' days')::interval;
END;
