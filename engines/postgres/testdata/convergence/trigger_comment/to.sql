CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL, body text, status text NOT NULL DEFAULT 'draft', updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE FUNCTION log_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE NOTICE 'changed % (%)', TG_TABLE_NAME, TG_OP;
    RETURN NULL;
END;
$$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMENT ON TRIGGER posts_touch ON posts IS 'keeps updated_at fresh';
