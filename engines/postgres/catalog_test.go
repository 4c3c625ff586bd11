package postgres

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// TestCatalogRowsMatchServerText: indexes and constraints built from their
// catalog rows are the models parsing pg_get_indexdef() and
// pg_get_constraintdef() give, for every shape in testdata/catalog (operator
// classes default by exact type, by binary cast and by pseudo-type, explicit
// ones, collations, orderings, INCLUDE, dropped and inherited columns,
// partitions, materialized views; keys, foreign keys with every action,
// match and deferral, NOT VALID, quoted names in other schemas), and those
// of the plain-*.sql files need no server text at all.
func TestCatalogRowsMatchServerText(t *testing.T) {
	for _, tc := range []struct {
		file       string
		min        int  // objects at least
		serverText bool // the catalog reading asks for some object's text
	}{
		{"indexes.sql", 40, true},
		{"plain-indexes.sql", 8, false},
		{"constraints.sql", 25, true},
		{"plain-constraints.sql", 10, false},
		{"checks.sql", 38, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			catalogRowsMatch(t, "testdata/catalog/"+tc.file, tc.min, tc.serverText)
		})
	}
}

func catalogRowsMatch(t *testing.T, file string, min int, serverText bool) {
	ctx := context.Background()
	script, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, conn := onlineDB(t, string(script))
	fromCatalog, queries, err := inspectConnWith(ctx, conn, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	fromText, textQueries, err := inspectConnWith(ctx, conn, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	got, want := catalogObjects(fromCatalog), catalogObjects(fromText)
	if len(want) < min {
		t.Fatalf("only %d indexes and constraints read from the server's text, want %d at least", len(want), min)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: only read from the server's text", name)
			continue
		}
		if !reflect.DeepEqual(g, w) {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			t.Errorf("%s:\n catalog: %s\n text:    %s", name, gj, wj)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: only read from the catalog", name)
		}
	}
	// The text reading asks for every object's text in a second query; the
	// catalog reading only for those it cannot build.
	if textQueries != queries+1 && !serverText {
		t.Errorf("catalog reading sent %d queries, text reading %d: want no second query from the catalog reading", queries, textQueries)
	}
	if textQueries != queries && serverText {
		t.Errorf("catalog reading sent %d queries, text reading %d: want both to ask for some object's text", queries, textQueries)
	}
}

// catalogObjects maps "schema.table.name" to each index and constraint.
func catalogObjects(db *engines.Database) map[string]any {
	out := map[string]any{}
	for _, s := range db.Schemas {
		for _, tb := range s.Tables {
			for _, idx := range tb.Indexes {
				out[s.Name+"."+tb.Name+".index."+idx.Name] = idx
			}
			for _, k := range tb.Constraints {
				out[s.Name+"."+tb.Name+".constraint."+k.Name] = k
			}
		}
		for _, v := range s.Views {
			for _, idx := range v.Indexes {
				out[s.Name+"."+v.Name+".index."+idx.Name] = idx
			}
		}
	}
	return out
}
