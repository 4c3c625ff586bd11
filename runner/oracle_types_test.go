package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/oracle"
	"github.com/schemasync/schemasync/runner"
)

// TestOracleWideningNotRefused: apply's policy judges the Oracle plan of
// the widening cases (VARCHAR2, NUMBER, CHAR, NVARCHAR2, TIMESTAMP, RAW,
// INTERVAL, NUMBER(p) to NUMBER) as it would on a target: nothing is
// destructive nor refused by default. The narrowing cases are destructive,
// one statement each.
func TestOracleWideningNotRefused(t *testing.T) {
	ctx := context.Background()
	eng := oracle.New()
	plan := func(dir string) (string, int) {
		t.Helper()
		side := func(name string) *engines.Database {
			p := filepath.Join("..", "engines", "oracle", "testdata", "diff", dir, name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			db, err := eng.Parse(ctx, []engines.File{{Path: p, Text: string(b)}}, engines.ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
		p, err := eng.Plan(ctx, side("from.sql"), side("to.sql"), engines.PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return engines.RenderSQL(p), len(p.Statements)
	}

	body, n := plan("094_type_widenings")
	if n < 10 {
		t.Fatalf("only %d statements:\n%s", n, body)
	}
	if d := runner.DestructiveStatements(body); len(d) != 0 {
		t.Errorf("widenings judged destructive: %+v\n%s", d, body)
	}
	var def runner.HazardPolicy
	if r := def.Refused(body); len(r) != 0 {
		t.Errorf("widenings refused by the default policy: %+v", r)
	}

	body, n = plan("095_type_narrowings")
	if d := runner.DestructiveStatements(body); len(d) != n {
		t.Errorf("%d of %d narrowings judged destructive: %+v\n%s", len(d), n, d, body)
	}
	if r := def.Refused(body); len(r) != n {
		t.Errorf("%d of %d narrowings refused by the default policy", len(r), n)
	}
}
