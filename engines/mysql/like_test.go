package mysql

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// tableSummary prints what a copy must get right: columns (with their
// default), indexes, constraints by kind and name, options and
// partitioning.
func tableSummary(t *engines.Table) string {
	var parts []string
	for _, c := range t.Columns {
		s := c.Name
		if c.Default != "" {
			s += "=" + c.Default
		}
		parts = append(parts, s)
	}
	out := "cols " + strings.Join(parts, ",")
	parts = nil
	for _, ix := range t.Indexes {
		s := ix.Name
		if ix.Options["invisible"] == "true" {
			s += "(invisible)"
		}
		parts = append(parts, s)
	}
	out += "; idx " + strings.Join(parts, ",")
	parts = nil
	for _, c := range t.Constraints {
		s := fmt.Sprintf("%s %s", c.Kind, c.Name)
		if c.Check != "" {
			s += " " + c.Check
		}
		parts = append(parts, s)
	}
	out += "; con " + strings.Join(parts, ",")
	var opts []string
	for k, v := range t.Options {
		opts = append(opts, k+"="+v)
	}
	sort.Strings(opts)
	if t.Comment != "" {
		opts = append(opts, "comment="+t.Comment)
	}
	if len(opts) > 0 {
		out += "; opt " + strings.Join(opts, ",")
	}
	if t.PartitionBy != "" {
		out += "; part " + t.PartitionBy
	}
	if t.RenamedFrom != "" {
		out += "; from " + t.RenamedFrom
	}
	return out
}

// TestParseLike: CREATE TABLE ... LIKE copies its table as the statements
// before it left it, as each server copies it (the convergence cases
// like_* check the same against the servers).
func TestParseLike(t *testing.T) {
	cases := []struct {
		name string
		tidb bool
		text string
		// want is the summary of each table named (tableSummary).
		want map[string]string
	}{
		{name: "as the ALTERs before it left its table, not after",
			text: "CREATE TABLE a (id int PRIMARY KEY, x int DEFAULT 1);\nALTER TABLE a ADD COLUMN y int, ADD KEY ky (y);\n" +
				"CREATE TABLE b LIKE a;\nALTER TABLE a DROP COLUMN x, ALTER INDEX ky INVISIBLE, ADD COLUMN z int;\nALTER TABLE b ADD COLUMN w int;",
			want: map[string]string{
				"a": "cols id,y,z; idx ky(invisible); con PRIMARY KEY PRIMARY",
				"b": "cols id,x=1,y,w; idx ky; con PRIMARY KEY PRIMARY",
			}},
		{name: "parenthesized, quoted, in another file order of passes",
			text: "CREATE TABLE `b` (LIKE `a`);\nCREATE TABLE a (id int) ENGINE=MyISAM DEFAULT CHARSET=latin1 COMMENT='c' PARTITION BY HASH (id) PARTITIONS 2;",
			want: map[string]string{
				"b": "cols id; idx ; con ; opt CHARSET=latin1,ENGINE=MyISAM,comment=c; part HASH (`id`) PARTITIONS 2",
			}},
		{name: "foreign keys stay behind, their indexes come along",
			text: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE a (id int, pid int, qid int, rid int, KEY kr (rid),\n" +
				"  CONSTRAINT named FOREIGN KEY (pid) REFERENCES p (id), FOREIGN KEY (qid) REFERENCES p (id), FOREIGN KEY (rid) REFERENCES p (id));\n" +
				"CREATE TABLE b LIKE a;\nALTER TABLE b ADD FOREIGN KEY (rid) REFERENCES p (id);",
			want: map[string]string{
				"a": "cols id,pid,qid,rid; idx kr,named,qid; con FOREIGN KEY a_ibfk_1,FOREIGN KEY a_ibfk_2,FOREIGN KEY named",
				"b": "cols id,pid,qid,rid; idx kr,named,qid; con FOREIGN KEY b_ibfk_1",
			}},
		{name: "TiDB: foreign key indexes by the key's name, and the count of keys goes along",
			tidb: true,
			text: "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE a (id int, pid int, qid int,\n" +
				"  CONSTRAINT named FOREIGN KEY (pid) REFERENCES p (id), FOREIGN KEY (qid) REFERENCES p (id));\n" +
				"CREATE TABLE b LIKE a;\nALTER TABLE b ADD FOREIGN KEY (id) REFERENCES p (id);",
			want: map[string]string{
				"b": "cols id,pid,qid; idx fk_2,fk_3,named; con FOREIGN KEY fk_3",
			}},
		{name: "MariaDB keeps the checks' names",
			text: "CREATE TABLE a (x int CHECK (x > 0), CONSTRAINT zz CHECK (x < 9), CHECK (x <> 5));\nCREATE TABLE b LIKE a;\nALTER TABLE b ADD CHECK (x <> 6);",
			want: map[string]string{
				"b": "cols x; idx ; con CHECK CONSTRAINT_1 (`x` != 5),CHECK CONSTRAINT_2 (`x` != 6),CHECK x (`x` > 0),CHECK zz (`x` < 9)",
			}},
		{name: "TiDB numbers the checks, the table's before the columns'",
			tidb: true,
			text: "CREATE TABLE a (x int CHECK (x > 0), CONSTRAINT zz CHECK (x < 9), CHECK (x <> 5));\nALTER TABLE a ADD CONSTRAINT aa CHECK (x <> 7);\n" +
				"CREATE TABLE b LIKE a;\nCREATE TABLE c LIKE b;",
			want: map[string]string{
				"c": "cols x; idx ; con CHECK c_chk_1 (`x` < 9),CHECK c_chk_2 (`x` != 5),CHECK c_chk_3 (`x` > 0),CHECK c_chk_4 (`x` != 7)",
			}},
		{name: "IF NOT EXISTS keeps the table there is",
			text: "CREATE TABLE a (id int);\nCREATE TABLE b (other int);\nCREATE TABLE IF NOT EXISTS b LIKE a;\nCREATE TABLE IF NOT EXISTS c LIKE a;",
			want: map[string]string{
				"b": "cols other; idx ; con ",
				"c": "cols id; idx ; con ",
			}},
		{name: "a copy of a table dropped later keeps what it copied",
			text: "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN x int;\nCREATE TABLE b LIKE a;\nRENAME TABLE a TO a2;\nALTER TABLE a2 ADD COLUMN y int;\n" +
				"CREATE TABLE c LIKE a2;\nDROP TABLE a2;\nCREATE TABLE d LIKE c;\nDROP TABLE c;\nCREATE TABLE a (new int);",
			want: map[string]string{
				"a": "cols new; idx ; con ",
				"b": "cols id,x; idx ; con ",
				"d": "cols id,x,y; idx ; con ",
			}},
		{name: "renamed-from annotation",
			text: "CREATE TABLE a (id int);\n-- schemasync:renamed-from old_b\nCREATE TABLE b LIKE a;",
			want: map[string]string{
				"b": "cols id; idx ; con ; from old_b",
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eng := New()
			if tc.tidb {
				eng = NewTiDB()
			}
			db, err := eng.Parse(context.Background(), []engines.File{{Path: "like.sql", Text: tc.text}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				tbl := schemaOf(db).Table(name)
				if tbl == nil {
					t.Errorf("no table %s", name)
					continue
				}
				if got := tableSummary(tbl); got != want {
					t.Errorf("table %s:\n got %s\nwant %s", name, got, want)
				}
			}
		})
	}
}

// TestParseLikeErrors: what the servers refuse is an error naming the
// file, the line and the table; CREATE TABLE ... SELECT is unsupported.
func TestParseLikeErrors(t *testing.T) {
	checkParseErrors(t, "like.sql", []parseErrorCase{
		{name: "undefined", text: "CREATE TABLE a (id int);\n\nCREATE TABLE b LIKE missing;", line: 3,
			want: "LIKE missing: table missing is not defined before this statement"},
		{name: "dropped before", text: "CREATE TABLE a (id int);\nDROP TABLE a;\nCREATE TABLE b LIKE a;", line: 3,
			want: "table a is not defined"},
		{name: "copy before its copied copy", text: "CREATE TABLE c LIKE b;\nCREATE TABLE a (id int);\nCREATE TABLE b LIKE a;", line: 1,
			want: "table b is not defined"},
		{name: "view", text: "CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT id FROM a;\nCREATE TABLE b LIKE v;", line: 3,
			want: "LIKE v: v is a view, and LIKE copies tables only"},
		{name: "defined twice", text: "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE b LIKE a;", line: 3,
			want: "table b is defined twice: at like.sql:2 and at like.sql:3"},
		{name: "TiDB looks for the table copied before IF NOT EXISTS", tidb: true,
			text: "CREATE TABLE b (id int);\nCREATE TABLE IF NOT EXISTS b LIKE missing;", line: 2,
			want: "table missing is not defined"},
	})
	// MariaDB keeps the table there is before it looks for the one copied.
	if _, err := New().Parse(context.Background(), []engines.File{{Path: "like.sql", Text: "CREATE TABLE b (id int);\nCREATE TABLE IF NOT EXISTS b LIKE missing;"}}, engines.ParseOptions{}); err != nil {
		t.Errorf("MariaDB's IF NOT EXISTS: %v", err)
	}
	for _, text := range []string{"CREATE TABLE b AS SELECT 1 AS x;", "CREATE TABLE b (x int) SELECT 1 AS x;"} {
		_, err := New().Parse(context.Background(), []engines.File{{Path: "like.sql", Text: text}}, engines.ParseOptions{})
		if !errors.Is(err, errUnsupported) || !strings.Contains(err.Error(), "CREATE TABLE ... SELECT (the server takes the columns' types from the query") {
			t.Errorf("%s: want it unsupported, got %v", text, err)
		}
		var warned []string
		_, err = New().Parse(context.Background(), []engines.File{{Path: "like.sql", Text: text}},
			engines.ParseOptions{SkipUnsupported: true, Warn: func(m string) { warned = append(warned, m) }})
		if err != nil || len(warned) != 1 || !strings.Contains(warned[0], "like.sql:1: skipped unsupported statement: CREATE TABLE ... SELECT") {
			t.Errorf("%s with SkipUnsupported: err %v, warnings %q", text, err, warned)
		}
	}
}

// parseErrorCase is a file the parser must refuse at a line, saying want.
type parseErrorCase struct {
	name string
	tidb bool // parsed by the tidb engine, else the mysql one
	text string
	line int
	want string // in the error
}

// checkParseErrors parses each case's text as the file path and wants a
// statement error at the case's line.
func checkParseErrors(t *testing.T, path string, cases []parseErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eng := New()
			if tc.tidb {
				eng = NewTiDB()
			}
			_, err := eng.Parse(context.Background(), []engines.File{{Path: path, Text: tc.text}}, engines.ParseOptions{})
			var se *engines.StatementError
			if !errors.As(err, &se) || se.File != path || se.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want an error at %s:%d saying %q, got %v", path, tc.line, tc.want, err)
			}
		})
	}
}
