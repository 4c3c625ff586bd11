-- MariaDB and TiDB keep display widths that are not the type's default
-- (int(11) is int, int(11) unsigned is not); Oracle MySQL ignores them.
CREATE TABLE t (id int(11) NOT NULL PRIMARY KEY, a int(4), b int(11) unsigned, c smallint(3) unsigned, d tinyint(1));
