package benchgen

import (
	"fmt"
	"math/rand"
	"strings"
)

// mysqlColumnTypes are the MySQL types generated columns draw from, with a
// default that suits each (empty: none).
var mysqlColumnTypes = []struct{ typ, def string }{
	{"int", "0"},
	{"bigint unsigned", ""},
	{"smallint", "1"},
	{"decimal(12,2)", "0.00"},
	{"text", ""},
	{"varchar(80)", "''"},
	{"tinyint(1)", "0"},
	{"datetime(3)", "CURRENT_TIMESTAMP(3)"},
	{"date", ""},
	{"json", ""},
	{"char(36)", ""},
	{"enum('new','active','closed')", "'new'"},
	{"varbinary(16)", ""},
}

// MySQL returns a script for MySQL and MariaDB that creates the given
// number of tables in the current database; the same seed always gives
// the same script. Each table has an AUTO_INCREMENT primary key, 4 to 9
// columns of mixed types, 2 or 3 secondary indexes, a check and, after the
// first, a foreign key to an earlier table; one table in 50 has a trigger,
// one in 100 a view over it, and a function and a procedure exist besides.
// Statements end with ";" on a line of their own; bodies use DELIMITER.
func MySQL(tables int, seed int64) string { return mysqlScript(tables, seed, false) }

// MySQLChanged returns the changed version of MySQL(tables, seed): about
// 5% of its objects are added, dropped or altered.
func MySQLChanged(tables int, seed int64) string { return mysqlScript(tables, seed, true) }

func mysqlScript(tables int, seed int64, changed bool) string {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	addBody := "RETURN a + b"
	if changed {
		addBody = "RETURN a + b + 0"
	}
	b.WriteString("DELIMITER //\n")
	b.WriteString("CREATE FUNCTION bench_add(a int, b int) RETURNS int DETERMINISTIC " + addBody + "//\n")
	b.WriteString("CREATE PROCEDURE bench_noop(IN n int) BEGIN SELECT n; END//\n")
	b.WriteString("DELIMITER ;\n")
	for i := 1; i <= tables; i++ {
		// Every random draw happens in both versions, in the same order.
		name := fmt.Sprintf("t%05d", i)
		ncols := 4 + r.Intn(6)
		var cols []string
		types := map[int]string{}
		cols = append(cols, "id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY")
		for c := 1; c <= ncols; c++ {
			ct := mysqlColumnTypes[r.Intn(len(mysqlColumnTypes))]
			types[c] = ct.typ
			col := fmt.Sprintf("c%d %s", c, ct.typ)
			if r.Intn(3) == 0 {
				col += " NOT NULL"
			}
			if ct.def != "" && r.Intn(2) == 0 {
				col += " DEFAULT " + ct.def
			}
			cols = append(cols, col)
		}
		parent, ch := tableDraws(r, i, changed)
		if ch == dropTable {
			continue
		}
		qty, check := "qty int NOT NULL DEFAULT 0", "qty >= 0"
		updated := "updated_at timestamp NULL DEFAULT NULL"
		switch ch {
		case newDefault:
			qty = "qty int NOT NULL DEFAULT 1"
		case newCheck:
			check = "qty >= -1"
		case setNotNull:
			updated = "updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP"
		}
		cols = append(cols, qty, updated, fmt.Sprintf("CONSTRAINT %s_qty CHECK (%s)", name, check))
		if ch == addColumn {
			cols = append(cols, "note text")
		}
		if ch != dropIndex {
			cols = append(cols, "KEY c1_qty ("+keyPart("c1", types[1])+"qty)")
		}
		cols = append(cols, "KEY updated_at (updated_at DESC)")
		if ch == addIndex {
			cols = append(cols, "KEY qty_id (qty, id)")
		}
		if i > 1 {
			cols = append(cols, "parent_id bigint NULL",
				fmt.Sprintf("CONSTRAINT %s_parent FOREIGN KEY (parent_id) REFERENCES t%05d (id) ON DELETE SET NULL", name, parent))
		}
		if i == 1 {
			cols = append(cols, "UNIQUE KEY c2_id ("+keyPart("c2", types[2])+"id)")
		}
		comment := ""
		if i%500 == 0 {
			comment = fmt.Sprintf(" COMMENT='table %d'", i)
		}
		fmt.Fprintf(&b, "CREATE TABLE %s (\n  %s\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4%s;\n", name, strings.Join(cols, ",\n  "), comment)
		if i%50 == 0 {
			fmt.Fprintf(&b, "CREATE TRIGGER %s_touch BEFORE UPDATE ON %s FOR EACH ROW SET NEW.updated_at = NOW();\n", name, name)
		}
		if i%viewEvery == 0 {
			list := "id, qty"
			if changed && viewChanged(i) {
				list = "id, qty, updated_at"
			}
			fmt.Fprintf(&b, "CREATE VIEW v%05d AS SELECT %s FROM %s WHERE qty > 0;\n", i, list, name)
		}
		if changed && addedAfter(i) {
			fmt.Fprintf(&b, "CREATE TABLE n%05d (\n  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  t_id bigint NOT NULL,\n  "+
				"label varchar(100) NOT NULL DEFAULT '',\n  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  "+
				"CONSTRAINT n%05d_t FOREIGN KEY (t_id) REFERENCES %s (id) ON DELETE CASCADE\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n", i, i, name)
		}
	}
	return b.String()
}

// keyPart is the leading part of an index on a generated column, with a
// comma after it: a prefix for text and binary types, none for json,
// which cannot be indexed.
func keyPart(col, typ string) string {
	switch {
	case typ == "json":
		return ""
	case typ == "text" || strings.HasPrefix(typ, "varchar") || strings.HasPrefix(typ, "char") || strings.HasPrefix(typ, "varbinary"):
		return col + "(10), "
	}
	return col + ", "
}
