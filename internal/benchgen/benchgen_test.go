package benchgen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
)

// objects counts the tables, views, functions and types of a model: what
// "5% of the objects" is about (a change to a table's column, index or
// constraint changes the table).
func objects(db *engines.Database) int {
	n := 0
	for _, s := range db.Schemas {
		n += len(s.Tables) + len(s.Views) + len(s.Functions) + len(s.Types)
	}
	return n
}

// TestChangedVersion checks that the generator is deterministic, that the
// batches make up the whole script, and that the changed version differs
// from the base by about 5% of the objects, as the engines' own plans
// count the changes.
func TestChangedVersion(t *testing.T) {
	const tables = 400
	if benchgen.Postgres(tables, 1) != strings.Join(benchgen.Batches(tables, 1, 77), "") {
		t.Fatal("Batches do not make up Postgres")
	}
	if benchgen.MySQL(50, 1) != benchgen.MySQL(50, 1) || benchgen.PostgresChanged(50, 1) != benchgen.PostgresChanged(50, 1) {
		t.Fatal("same size and seed gave different scripts")
	}
	cases := []struct {
		name          string
		eng           engines.Engine
		base, changed string
	}{
		{"postgres", postgres.New(), benchgen.Postgres(tables, 1), benchgen.PostgresChanged(tables, 1)},
		{"mysql", mysql.New(), benchgen.MySQL(tables, 1), benchgen.MySQLChanged(tables, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			base, err := c.eng.Parse(ctx, []engines.File{{Path: "base.sql", Text: c.base}}, engines.ParseOptions{})
			if err != nil {
				t.Fatalf("parse base: %v", err)
			}
			changed, err := c.eng.Parse(ctx, []engines.File{{Path: "changed.sql", Text: c.changed}}, engines.ParseOptions{})
			if err != nil {
				t.Fatalf("parse changed: %v", err)
			}
			p, err := c.eng.Plan(ctx, base, changed, engines.PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			total := objects(base)
			share := float64(len(p.Changes)) / float64(total)
			t.Logf("%d changes among %d objects (%.1f%%), %d statements", len(p.Changes), total, 100*share, len(p.Statements))
			if share < 0.03 || share > 0.08 {
				t.Errorf("%d changes among %d objects (%.1f%%): want about 5%%", len(p.Changes), total, 100*share)
			}
			if again, err := c.eng.Plan(ctx, base, base, engines.PlanOptions{}); err != nil || !again.Empty() {
				t.Errorf("base against itself: %v, %d statements", err, len(again.Statements))
			}
		})
	}
}
