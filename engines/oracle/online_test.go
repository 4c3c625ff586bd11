package oracle

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

// hazardModes are the two ways a plan is made: with the online forms (the
// default) and without (PlanOptions.Online.Off, for Standard Edition).
var hazardModes = []struct {
	name string
	opts engines.PlanOptions
}{
	{"online", engines.PlanOptions{}},
	{"offline", engines.PlanOptions{Online: engines.OnlineOptions{Off: true}}},
}

// hazardListing prints a plan as testdata/hazards/*/expect writes it: per
// statement its SQL on one line and its hazard kinds, then the kinds the
// default policy of apply refuses.
func hazardListing(p *engines.Plan) string {
	var b strings.Builder
	for _, s := range p.Statements {
		var kinds []string
		for _, h := range s.Hazards {
			kinds = append(kinds, string(h.Kind))
		}
		fmt.Fprintf(&b, "%s => %s\n", strings.Join(strings.Fields(s.SQL), " "), strings.Join(kinds, " "))
	}
	refused := map[string]bool{}
	for _, r := range (runner.HazardPolicy{}).Refused(engines.RenderSQL(p)) {
		for _, h := range r.Hazards {
			refused[string(h.Kind)] = true
		}
	}
	var kinds []string
	for _, k := range runner.KnownHazards() {
		if refused[string(k)] {
			kinds = append(kinds, string(k))
		}
	}
	fmt.Fprintf(&b, "refused by default: %s\n", strings.Join(kinds, " "))
	return b.String()
}

// TestPlanHazards plans each case of testdata/hazards with the online forms
// and without, and checks every statement's hazards, and what apply's
// default policy refuses, against the case's expect file (-update rewrites
// it). Rules no golden file can get wrong are checked on every plan too.
func TestPlanHazards(t *testing.T) {
	dirs, err := filepath.Glob("testdata/hazards/*")
	if err != nil || len(dirs) < 20 {
		t.Fatalf("want at least 20 cases in testdata/hazards, got %d (%v)", len(dirs), err)
	}
	ctx := context.Background()
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			from, _ := diffCaseSide(t, dir, "from")
			to, _ := diffCaseSide(t, dir, "to")
			var got strings.Builder
			for _, m := range hazardModes {
				p, err := New().Plan(ctx, from, to, m.opts)
				if err != nil {
					t.Fatal(err)
				}
				if p.Empty() {
					t.Fatalf("%s: empty plan", m.name)
				}
				checkHazardRules(t, m.name, from, p)
				fmt.Fprintf(&got, "%s:\n%s", m.name, hazardListing(p))
			}
			exp := filepath.Join(dir, "expect")
			if *update {
				if err := os.WriteFile(exp, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(exp)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("hazards differ from %s:\n--- got\n%s--- want\n%s", exp, got.String(), want)
			}
		})
	}
}

// checkHazardRules checks what must hold for any plan: data-losing
// statements say so; an index built or a constraint checked on a table
// that exists either runs online or carries blocking_lock; tables the plan
// creates get plain statements without hazards; plans with the online
// forms off say ONLINE nowhere.
func checkHazardRules(t *testing.T, mode string, from *engines.Database, p *engines.Plan) {
	t.Helper()
	existing := map[string]bool{}
	for _, tb := range schemaOf(from).Tables {
		existing[quoteIdent(tb.Name)] = true
	}
	for _, s := range p.Statements {
		has := map[engines.HazardKind]bool{}
		for _, h := range s.Hazards {
			has[h.Kind] = true
		}
		sql := s.SQL
		online := strings.HasSuffix(sql, " ONLINE")
		words := strings.Fields(sql)
		var table string
		switch {
		case strings.HasPrefix(sql, "ALTER TABLE "):
			table = words[2]
		case strings.HasPrefix(sql, "CREATE ") && strings.Contains(sql, " INDEX "):
			for i, w := range words {
				if w == "ON" && i+1 < len(words) {
					table = words[i+1]
					break
				}
			}
		}
		fail := func(why string) { t.Errorf("%s: %s: %s (hazards %v)", mode, why, sql, s.Hazards) }
		switch {
		case strings.HasPrefix(sql, "DROP TABLE ") || strings.Contains(sql, " DROP COLUMN "):
			if !has[engines.HazardDeletesData] {
				fail("drops data without deletes_data")
			}
		case table != "" && !existing[table]:
			if len(s.Hazards) > 0 || online {
				fail("a statement on a table the plan creates needs neither hazards nor ONLINE")
			}
		case strings.HasPrefix(sql, "CREATE ") && strings.Contains(sql, " INDEX ") && !online && !has[engines.HazardBlockingLock]:
			fail("an index built without ONLINE on an existing table must carry blocking_lock")
		case strings.Contains(sql, " ADD ") && (strings.Contains(sql, " CHECK ") || strings.Contains(sql, " FOREIGN KEY ") ||
			strings.Contains(sql, " PRIMARY KEY ") || strings.Contains(sql, " UNIQUE ")) &&
			!strings.HasSuffix(sql, " ENABLE NOVALIDATE") && !has[engines.HazardBlockingLock]:
			fail("a constraint checked as it is added to an existing table must carry blocking_lock")
		}
		if mode == "offline" && online {
			fail("ONLINE with the online forms off")
		}
	}
}
