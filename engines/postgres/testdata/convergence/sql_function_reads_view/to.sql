-- A SQL-language function's body is checked when it is created: one that
-- reads a view (quoted, FROM ONLY) is created after the views, and an
-- aggregate over such a function after it. A PL/pgSQL body is not checked,
-- so its function stays before the trigger that runs it.
CREATE TABLE t (id integer PRIMARY KEY, name text);
CREATE VIEW v AS SELECT id, name FROM t;
CREATE VIEW "My View" AS SELECT id FROM t;
CREATE FUNCTION count_v() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM v $$;
CREATE FUNCTION count_my_view() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM "My View" $$;
CREATE FUNCTION count_only_v() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM ONLY v $$;
CREATE FUNCTION acc_with_v(state bigint, x integer) RETURNS bigint LANGUAGE sql
    AS $$ SELECT state + x + (SELECT count(*) FROM v) $$;
CREATE AGGREGATE sum_with_v(integer) (SFUNC = acc_with_v, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION touch_t() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM 1 FROM v; RETURN NEW; END $$;
CREATE TRIGGER touch_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch_t();
