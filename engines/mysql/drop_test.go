package mysql

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// objectNames lists a model's objects as "table t", "index t.i",
// "trigger t.tr", "view v", "function f", "event e", sorted.
func objectNames(db *engines.Database) []string {
	var out []string
	for _, s := range db.Schemas {
		for _, t := range s.Tables {
			out = append(out, "table "+t.Name)
			for _, ix := range t.Indexes {
				out = append(out, "index "+t.Name+"."+ix.Name)
			}
			for _, tr := range t.Triggers {
				out = append(out, "trigger "+t.Name+"."+tr.Name)
			}
		}
		for _, v := range s.Views {
			out = append(out, "view "+v.Name)
		}
		for _, f := range s.Functions {
			out = append(out, "function "+f.Name)
		}
		for _, e := range s.Events {
			out = append(out, "event "+e.Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestParseDropStatements: DROP statements of a schema file apply in file
// order, whatever the passes of the parser (see drop.go).
func TestParseDropStatements(t *testing.T) {
	cases := []struct {
		name string
		text string
		want string
	}{
		{"mysqldump guards", "DROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (a int);\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT a FROM t;",
			"table t, view v"},
		{"created then dropped with what belongs to it", "CREATE TABLE t (a int);\nCREATE TABLE u (a int);\nCREATE INDEX u_a ON u (a);\n" +
			"ALTER TABLE u ADD COLUMN b int;\nCREATE TRIGGER u_tr BEFORE INSERT ON u FOR EACH ROW SET NEW.a = 1;\nDROP TABLE IF EXISTS u, missing;",
			"table t"},
		{"dropped and created again", "CREATE TABLE t (a int);\nDROP TABLE t;\nCREATE TABLE t (b int, KEY kb (b));",
			"index t.kb, table t"},
		{"drop index", "CREATE TABLE t (a int, KEY ka (a));\nCREATE INDEX kb ON t (a);\nDROP INDEX KB ON t;",
			"index t.ka, table t"},
		{"drop index of a create table before its column goes", "CREATE TABLE t (a int, b int, KEY kab (a, b), KEY kb (b));\nDROP INDEX kab ON t;\nALTER TABLE t DROP COLUMN b;",
			"table t"},
		{"renamed, altered under the new name, dropped by it", "CREATE TABLE t (a int);\nCREATE INDEX ka ON t (a);\nRENAME TABLE t TO u;\n" +
			"ALTER TABLE u ADD COLUMN b int;\nALTER TABLE u RENAME TO w;\nDROP TABLE w;\nCREATE TABLE x (a int);",
			"table x"},
		{"renamed and kept", "CREATE TABLE t (a int, KEY ka (a));\nCREATE TABLE v (b int);\nRENAME TABLE t TO u, v TO w;\nDROP TABLE IF EXISTS t;",
			"index u.ka, table u, table w"},
		{"routines, triggers and events", "CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1;\n" +
			"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;\nCREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1;\n" +
			"DROP FUNCTION IF EXISTS F;\nDROP TRIGGER tr;\nDROP EVENT IF EXISTS e;\nDROP DATABASE IF EXISTS other;",
			"table t"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, err := New().Parse(context.Background(), []engines.File{{Path: "drops.sql", Text: tc.text}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(objectNames(db), ", "); got != tc.want {
				t.Errorf("objects %q, want %q", got, tc.want)
			}
		})
	}
}
