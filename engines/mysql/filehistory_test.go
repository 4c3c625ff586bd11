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
