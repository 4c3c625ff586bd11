-- CREATE TABLE ... LIKE copies columns, keys, checks and options, not the
-- foreign keys (the indexes made for them stay) nor the AUTO_INCREMENT
-- counter. MySQL and TiDB name the copied checks b_chk_N, MariaDB keeps
-- their names: matched by expression, created under names the server takes.
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE a (
  id int NOT NULL AUTO_INCREMENT,
  pid int,
  qid int,
  code varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'x' COMMENT 'the code',
  qty int NOT NULL DEFAULT 1,
  total int AS (qty * 2) STORED,
  note text,
  PRIMARY KEY (id),
  UNIQUE KEY a_code (code),
  KEY a_qty (qty, code(4)),
  CONSTRAINT a_parent FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE,
  FOREIGN KEY (qid) REFERENCES p (id),
  CONSTRAINT a_qty_positive CHECK (qty > 0),
  CHECK (qty < 1000)
) AUTO_INCREMENT=100 COMMENT='source table';
CREATE TABLE b LIKE a;
CREATE TABLE IF NOT EXISTS b LIKE p;
CREATE TABLE `c` (LIKE `a`);
