CREATE TABLE t (id int, v int);
CREATE TABLE audit (id int, v int);
CREATE RULE r_where AS ON INSERT TO t WHERE new.v > 0 DO ALSO INSERT INTO audit VALUES (new.id, new.v);
CREATE RULE r_instead AS ON DELETE TO t DO ALSO NOTHING;
CREATE RULE r_state AS ON UPDATE TO t DO ALSO INSERT INTO audit VALUES (old.id, old.v);
ALTER TABLE t ENABLE ALWAYS RULE r_state;
CREATE RULE r_gone AS ON INSERT TO t DO ALSO NOTIFY t_insert;
CREATE RULE r_comment AS ON UPDATE TO t DO ALSO NOTIFY t_update;
COMMENT ON RULE r_comment ON t IS 'old';
