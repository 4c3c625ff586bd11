package mysql

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// TestParseHistorySwaps: the "copy, alter, swap" migrations and a name
// renamed away and made again leave the tables the server has.
func TestParseHistorySwaps(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"swap, then drop the old", "CREATE TABLE a (id int, v int);\nCREATE TABLE a_new (id int, w int);\n" +
			"RENAME TABLE a TO a_old, a_new TO a;\nDROP TABLE a_old;",
			"a: cols id,w; idx ; con ; from a_new"},
		{"swap a LIKE copy", "CREATE TABLE a (id int, KEY kid (id));\nCREATE TABLE a_new LIKE a;\nALTER TABLE a_new ADD COLUMN w int;\n" +
			"RENAME TABLE a TO a_old, a_new TO a;\nDROP TABLE a_old;",
			"a: cols id,w; idx kid; con ; from a_new"},
		{"renamed away, made again, old dropped", "CREATE TABLE a (id int, v int);\nCREATE INDEX i ON a (v);\nALTER TABLE a RENAME TO a_old;\n" +
			"CREATE TABLE a (id int, w int);\nCREATE INDEX i ON a (w);\nDROP TABLE a_old;",
			"a: cols id,w; idx i; con "},
		{"renamed away, made again, old kept", "CREATE TABLE a (id int, v int);\nALTER TABLE a RENAME TO a_old;\nCREATE TABLE a (id int, w int);",
			"a: cols id,w; idx ; con \na_old: cols id,v; idx ; con ; from a"},
		{"index of the old name dropped under the new", "CREATE TABLE a (id int, KEY k (id));\nRENAME TABLE a TO b;\nDROP INDEX k ON b;",
			"b: cols id; idx ; con ; from a"},
		{"create or replace", "CREATE TABLE t (id int, v int, KEY kv (v));\nALTER TABLE t ADD COLUMN x int;\n" +
			"CREATE OR REPLACE TABLE t (id int, w int);\nCREATE OR REPLACE TABLE u (id int);",
			"t: cols id,w; idx ; con \nu: cols id; idx ; con "},
		{"if not exists of a view", "CREATE TABLE b (id int);\nCREATE VIEW v AS SELECT id FROM b;\nCREATE TABLE IF NOT EXISTS v (x int);\n" +
			"CREATE TABLE IF NOT EXISTS v LIKE b;\nALTER TABLE b ADD COLUMN y int;",
			"b: cols id,y; idx ; con "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, err := New().Parse(context.Background(), []engines.File{{Path: "h.sql", Text: tc.text}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tb := range db.Schemas[0].Tables {
				got = append(got, tb.Name+": "+tableSummary(tb))
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// TestParseRenameInChecks: MariaDB renames a column in the expressions
// that use it; a check of the column's definition goes with CHANGE.
func TestParseRenameInChecks(t *testing.T) {
	text := "CREATE TABLE t (a int, c int, d int CHECK (d <> 0), e int CHECK (e > 0), g int AS (a + 1), h int DEFAULT (a * 2), " +
		"CONSTRAINT t_pos CHECK (a > 0), CHECK (a < c));\n" +
		"ALTER TABLE t RENAME COLUMN a TO b;\nALTER TABLE t RENAME COLUMN e TO e2;\nALTER TABLE t CHANGE b bb bigint;\n" +
		"ALTER TABLE t CHANGE d d2 int;\nALTER TABLE t CHANGE e2 e3 int CHECK (e3 > 1);"
	db, err := New().Parse(context.Background(), []engines.File{{Path: "r.sql", Text: text}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tb := db.Schemas[0].Tables[0]
	want := "cols bb,c,d2,e3,g,h=(`bb` * 2); idx ; con CHECK CONSTRAINT_1 (`bb` < `c`),CHECK e3 (`e3` > 1),CHECK t_pos (`bb` > 0)"
	if got := tableSummary(tb); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if g := columnCI(tb, "g").Generated; g != "(`bb` + 1)" {
		t.Errorf("generated column: %s", g)
	}
}

func TestParseHistoryErrors(t *testing.T) {
	checkParseErrors(t, "h.sql", []parseErrorCase{
		{name: "or replace with if not exists", text: "CREATE TABLE a (id int);\nCREATE OR REPLACE TABLE IF NOT EXISTS a (id int);", line: 2,
			want: "the server refuses the two together (error 1221)"},
		{name: "or replace of a view", text: "CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT id FROM a;\n\nCREATE OR REPLACE TABLE v (id int);", line: 4,
			want: "CREATE OR REPLACE TABLE v: v is a view, made at h.sql:2"},
		{name: "table of a view's name", text: "CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT id FROM a;\nCREATE TABLE v (id int);", line: 3,
			want: "table v: v is a view, made at h.sql:2 (the server refuses it: error 1050)"},
		{name: "view of a table's name", text: "CREATE TABLE IF NOT EXISTS v (id int);\nCREATE OR REPLACE VIEW v AS SELECT 1 AS x;", line: 2,
			want: "view v: v is a table, made at h.sql:1"},
		{name: "TiDB has no create or replace table", tidb: true, text: "CREATE OR REPLACE TABLE a (id int);", line: 1,
			want: "CREATE OR REPLACE TABLE (MariaDB only"},
		{name: "TiDB refuses renaming a column a check uses", tidb: true,
			text: "CREATE TABLE t (a int, CHECK (a > 0));\nALTER TABLE t RENAME COLUMN a TO b;", line: 2,
			want: "TiDB refuses to rename it (error 3959)"},
		{name: "TiDB drops the checks of a column CHANGE renames", tidb: true,
			text: "CREATE TABLE t (a int CHECK (a > 0));\nALTER TABLE t CHANGE a b int;", line: 2,
			want: "TiDB drops such checks when CHANGE renames the column"},
		{name: "TiDB refuses renaming a column a generated column uses", tidb: true,
			text: "CREATE TABLE t (a int, g int AS (a + 1));\nALTER TABLE t CHANGE a b int;", line: 2,
			want: "generated column g uses it, and TiDB refuses to rename it (error 3108)"},
	})
}
