-- v loses a column (dropped and created again: its rule with it); w's
-- column changes type, so the rule on t that reads w goes and comes back
CREATE TABLE t (id int, a int, b text);
CREATE VIEW v AS SELECT id, b FROM t;
CREATE RULE v_del AS ON DELETE TO v DO INSTEAD DELETE FROM t WHERE t.id = old.id;
CREATE VIEW w AS SELECT id, a::bigint AS a FROM t;
CREATE TABLE log (id int);
CREATE RULE t_reads_w AS ON INSERT TO t DO ALSO INSERT INTO log SELECT w.id FROM w WHERE w.id = new.id;
