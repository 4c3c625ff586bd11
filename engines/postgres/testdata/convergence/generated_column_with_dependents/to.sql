-- Columns become generated (dropped and added again): the trigger, the
-- exclusion and check constraints and the indexes using them are dropped
-- before and made again after, and so is the foreign key of another table
-- on the unique index over one of them.
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer GENERATED ALWAYS AS (qty * price) STORED,
    sku text GENERATED ALWAYS AS ('SKU-' || id::text) STORED,
    CONSTRAINT items_total_excl EXCLUDE USING btree ((total + 0) WITH =),
    CONSTRAINT items_total_check CHECK (total >= 0)
);
CREATE UNIQUE INDEX items_sku_key ON items (sku);
CREATE INDEX items_total_idx ON items (total) WHERE total > 10;
CREATE TABLE shipments (id integer PRIMARY KEY, sku text REFERENCES items (sku));
CREATE TRIGGER items_total_trg AFTER UPDATE OF total ON items FOR EACH ROW WHEN (NEW.total > 0) EXECUTE FUNCTION audit();
