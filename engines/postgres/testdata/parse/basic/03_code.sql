CREATE FUNCTION f(a int, b text DEFAULT 'x', OUT c int) LANGUAGE sql IMMUTABLE STRICT AS $$select a$$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
begin
  new.created := now();
  return new;
end
$$;
CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b;
CREATE FUNCTION app.list(n int) RETURNS TABLE(id int, label text) LANGUAGE sql STABLE ROWS 10 AS $$select 1, 'a'$$;
CREATE FUNCTION sum_all(VARIADIC xs int[]) RETURNS bigint LANGUAGE sql PARALLEL SAFE COST 5 AS $$select sum(x) from unnest(xs) x$$;
CREATE PROCEDURE app.cleanup(days int) LANGUAGE plpgsql AS $$begin perform 1; end$$;
CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE OF email, name ON users FOR EACH ROW WHEN (NEW.lo > 0) EXECUTE FUNCTION touch();
CREATE TRIGGER users_audit AFTER DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE PROCEDURE touch('a', 'b');
CREATE VIEW active AS SELECT id, email FROM users WHERE lo IN (1, 2) WITH CHECK OPTION;
CREATE VIEW app.named (a, b) WITH (security_barrier = true) AS SELECT id, email FROM users;
CREATE MATERIALIZED VIEW mv AS SELECT id, email FROM users WITH NO DATA;
CREATE UNIQUE INDEX ON mv (id);
COMMENT ON FUNCTION f(int, text) IS 'fn';
COMMENT ON TRIGGER users_touch ON users IS 'touches';
COMMENT ON VIEW active IS 'act';
COMMENT ON MATERIALIZED VIEW mv IS 'mat';
COMMENT ON COLUMN active.email IS 'view column';
COMMENT ON SEQUENCE s1 IS 'down';
COMMENT ON EXTENSION btree_gist IS 'gist';
