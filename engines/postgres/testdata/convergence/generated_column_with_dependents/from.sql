CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer,
    sku text,
    CONSTRAINT items_total_excl EXCLUDE USING btree ((total + 0) WITH =),
    CONSTRAINT items_total_check CHECK (total >= 0)
);
CREATE UNIQUE INDEX items_sku_key ON items (sku);
CREATE INDEX items_total_idx ON items (total) WHERE total > 10;
CREATE TABLE shipments (id integer PRIMARY KEY, sku text REFERENCES items (sku));
CREATE TRIGGER items_total_trg AFTER UPDATE OF total ON items FOR EACH ROW WHEN (NEW.total > 0) EXECUTE FUNCTION audit();
