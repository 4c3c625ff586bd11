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
func MySQL(tables int, seed int64) string {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.WriteString("DELIMITER //\n")
	b.WriteString("CREATE FUNCTION bench_add(a int, b int) RETURNS int DETERMINISTIC RETURN a + b//\n")
	b.WriteString("CREATE PROCEDURE bench_noop(IN n int) BEGIN SELECT n; END//\n")
	b.WriteString("DELIMITER ;\n")
	for i := 1; i <= tables; i++ {
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
		cols = append(cols, "qty int NOT NULL DEFAULT 0", "updated_at timestamp NULL DEFAULT NULL",
			fmt.Sprintf("CONSTRAINT %s_qty CHECK (qty >= 0)", name))
		cols = append(cols, "KEY c1_qty ("+keyPart("c1", types[1])+"qty)", "KEY updated_at (updated_at DESC)")
		if i > 1 {
			cols = append(cols, "parent_id bigint NULL",
				fmt.Sprintf("CONSTRAINT %s_parent FOREIGN KEY (parent_id) REFERENCES t%05d (id) ON DELETE SET NULL", name, 1+r.Intn(i-1)))
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
		if i%100 == 0 {
			fmt.Fprintf(&b, "CREATE VIEW v%05d AS SELECT id, qty FROM %s WHERE qty > 0;\n", i, name)
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
