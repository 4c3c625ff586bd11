CREATE TABLE items (id int PRIMARY KEY, name text, qty int);
CREATE TABLE items_log (id int, name text, at timestamptz DEFAULT now());
CREATE RULE items_no_delete AS ON DELETE TO items DO INSTEAD NOTHING;
CREATE RULE items_log_insert AS ON INSERT TO items WHERE new.qty > 0
  DO ALSO INSERT INTO items_log VALUES (new.id, new.name);
CREATE RULE items_log_update AS ON UPDATE TO items DO ALSO (
  INSERT INTO items_log (id, name) VALUES (old.id, old.name);
  NOTIFY items_changed
);
COMMENT ON RULE items_no_delete ON items IS 'rows stay';
ALTER TABLE items DISABLE RULE items_log_update;
