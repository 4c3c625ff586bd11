-- pg_dump's older layout: bare names under SET search_path, a public and an
-- inv table of one name, each with its own sequence.
CREATE SCHEMA inv;
CREATE TABLE item (id bigint NOT NULL);
CREATE SEQUENCE item_id_seq;
ALTER SEQUENCE item_id_seq OWNED BY item.id;
SET search_path = inv, pg_catalog;
CREATE TABLE item (id integer NOT NULL, code text);
CREATE SEQUENCE item_id_seq START WITH 10;
ALTER SEQUENCE item_id_seq OWNED BY item.id;
CREATE SEQUENCE inv.code_seq;
ALTER TABLE item ALTER COLUMN id SET DEFAULT nextval('item_id_seq'::regclass);
ALTER TABLE item ALTER COLUMN code SET DEFAULT 'c' || nextval('code_seq'::regclass);
SET search_path = public, pg_catalog;
ALTER TABLE item ALTER COLUMN id SET DEFAULT nextval('item_id_seq'::regclass);
