package mysql

import (
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// A widening cannot fail on existing values, so it carries no
// may_fail_on_data hazard (which apply treats as narrowing).
func TestTypeWidened(t *testing.T) {
	tbl := &engines.Table{Name: "t", Options: map[string]string{"CHARSET": "utf8mb4", "COLLATE": "utf8mb4_general_ci"}}
	cases := []struct {
		from, to string
		want     bool
	}{
		{"int", "bigint", true},
		{"bigint", "int", false},
		{"int unsigned", "bigint unsigned", true},
		{"int unsigned", "bigint", true},
		{"int unsigned", "int", false},
		{"int", "int unsigned", false},
		{"decimal(10,2)", "decimal(12,2)", true},
		{"decimal(10,2)", "decimal(12,4)", true},
		{"decimal(10,2)", "decimal(10,3)", false},
		{"decimal(10,2)", "decimal(9,2)", false},
		{"varchar(10)", "varchar(20)", true},
		{"varchar(20)", "varchar(10)", false},
		{"char(10)", "varchar(10)", true},
		{"varchar(10)", "char(10)", false},
		{"text", "mediumtext", true},
		{"mediumtext", "text", false},
		{"blob", "text", false},
		{"float", "double", true},
		{"double", "float", false},
		{"enum('a','b')", "enum('a','b','c')", true},
		{"enum('a','b')", "enum('b','a')", false},
		{"int", "varchar(20)", false},
	}
	for _, c := range cases {
		got := typeWidened(&engines.Column{Name: "c", Type: c.from}, tbl, &engines.Column{Name: "c", Type: c.to}, tbl)
		if got != c.want {
			t.Errorf("%s -> %s: widened=%v, want %v", c.from, c.to, got, c.want)
		}
	}
}
