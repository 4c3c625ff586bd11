package engines_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
)

// TestClone checks that Clone gives what a JSON round trip gives, on
// generated PostgreSQL and MySQL models, and that the copy shares nothing
// with the original.
func TestClone(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		eng  engines.Engine
		text string
	}{
		{"postgres", postgres.New(), benchgen.PostgresChanged(300, 1)},
		{"mysql", mysql.New(), benchgen.MySQLChanged(300, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := c.eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: c.text}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// Empty lists and maps where JSON would leave nil ones.
			si := 0
			for len(db.Schemas[si].Tables) == 0 {
				si++
			}
			tbl := db.Schemas[si].Tables[0]
			tbl.Indexes = append(tbl.Indexes[:0:0], tbl.Indexes...)[:0]
			tbl.Options = map[string]string{}
			raw, err := json.Marshal(db)
			if err != nil {
				t.Fatal(err)
			}
			want := &engines.Database{}
			if err := json.Unmarshal(raw, want); err != nil {
				t.Fatal(err)
			}
			got := db.Clone()
			if !reflect.DeepEqual(got, want) {
				t.Fatal("Clone differs from a JSON round trip")
			}
			gt := got.Schemas[si].Tables[0]
			gt.Name = "changed"
			gt.Columns[0].Name = "changed"
			if tbl.Name == "changed" || tbl.Columns[0].Name == "changed" {
				t.Error("the copy shares tables or columns with the original")
			}
		})
	}
	if (*engines.Database)(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}
