package postgres

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestSharedNormalizer checks that normalizers sharing a key cache give
// the keys a normalizer of their own gives, from any goroutine (run with
// -race), and that the cache is where the second one finds them.
func TestSharedNormalizer(t *testing.T) {
	var texts []string
	for _, c := range normalizeCases {
		texts = append(texts, c.sql)
	}
	texts = append(texts, "x IN (1, 2)", "a BETWEEN 1 AND 2", "'a'::text", "not valid sql (", "")
	queries := []string{" SELECT t.a,\n    t.b AS c\n   FROM public.t;", "select a, b as c from t", "SELECT a AS b FROM t"}
	own := newNormalizer()
	shared := &keyCache{}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := newSharedNormalizer(shared)
			for _, s := range texts {
				if got, want := n.expr(s), exprKey(s); got != want {
					errs <- fmt.Sprintf("expr(%q) = %q, want %q", s, got, want)
				}
			}
			for _, q := range queries {
				if got, want := n.query(q), queryKey(q); got != want {
					errs <- fmt.Sprintf("query(%q) = %q, want %q", q, got, want)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for _, s := range texts {
		k, ok := shared.get(false, s)
		if !ok || k != own.expr(s) {
			t.Errorf("shared key of %q: %q, %v; want %q", s, k, ok, own.expr(s))
		}
	}
	// An expression and a query of the same text are kept apart.
	if k, ok := shared.get(true, texts[0]); ok {
		t.Errorf("query key of expression %q found: %q", texts[0], k)
	}
}

// TestEnginePlansShared plans several targets against a source with one
// engine value (whose caches the plans share), in turn and at once, and
// checks every plan against the one a fresh engine makes.
func TestEnginePlansShared(t *testing.T) {
	ctx := context.Background()
	parse := func(text string) *engines.Database {
		db, err := parseFiles(ctx, []engines.File{{Path: "s.sql", Text: text}}, engines.ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	source := parse(benchgen.Postgres(60, 1))
	targets := []*engines.Database{parse(benchgen.PostgresChanged(60, 1)), parse(benchgen.PostgresChanged(60, 2)), parse(benchgen.Postgres(60, 3)), parse("")}
	want := make([]*engines.Plan, len(targets))
	for i, tg := range targets {
		p, err := New().Plan(ctx, tg, source, engines.PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if i < 3 && p.Empty() {
			t.Fatalf("target %d: empty plan, the test needs changes", i)
		}
		want[i] = p
	}
	e := New()
	check := func(i int) error {
		p, err := e.Plan(ctx, targets[i], source, engines.PlanOptions{})
		if err != nil {
			return err
		}
		if engines.RenderSQL(p) != engines.RenderSQL(want[i]) || !reflect.DeepEqual(p, want[i]) {
			return fmt.Errorf("target %d: the plan differs from a fresh engine's", i)
		}
		return nil
	}
	for round := 0; round < 2; round++ {
		for i := range targets {
			if err := check(i); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 4*len(targets))
	for j := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[j] = check(j % len(targets))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(e.keys.exprs) == 0 {
		t.Error("the plans kept no comparison key in the engine")
	}
}

// sharedSetup has definitions that inspect parses from the server's text.
const sharedSetup = `
CREATE TABLE p (id integer PRIMARY KEY, code text UNIQUE, lo integer, hi integer,
  CONSTRAINT p_range CHECK (lo < hi AND lo >= 0), EXCLUDE USING btree (code WITH =) WHERE (lo > 5));
CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p(id) ON DELETE CASCADE, qty numeric(10,2) CHECK (qty > 0),
  note text, UNIQUE (p_id, note) INCLUDE (qty));
CREATE INDEX c_note_idx ON c (lower(note)) WHERE qty > 1;
CREATE INDEX c_qty_idx ON c (qty DESC NULLS LAST, note);
CREATE INDEX p_hi_idx ON p USING hash (hi);
`

// TestInspectSharedDefs inspects two databases with the same schema
// through one engine value, changing the first model in every list and
// pointer between the two, and checks that the second equals what an
// inspection with no shared parses gives: the parses are shared, the
// models are not.
func TestInspectSharedDefs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	urls := []string{testdb.Postgres(t), testdb.Postgres(t)}
	for _, u := range urls {
		if err := testdb.ExecPostgres(ctx, u, sharedSetup); err != nil {
			t.Fatalf("load schema: %v", err)
		}
	}
	e := New()
	first, err := e.Inspect(ctx, urls[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(e.defs.constraints)+len(e.defs.indexes) == 0 {
		t.Fatal("the inspection kept no parsed definition in the engine")
	}
	for _, tbl := range first.Schema("public").Tables {
		for _, k := range tbl.Constraints {
			for i := range k.Columns {
				k.Columns[i] = "changed"
			}
			for i := range k.Include {
				k.Include[i] = "changed"
			}
			for i := range k.RefColumns {
				k.RefColumns[i] = "changed"
			}
			k.Check, k.Definition, k.RefTable = "changed", "changed", "changed"
		}
		for _, x := range tbl.Indexes {
			for _, p := range x.Parts {
				p.Column, p.Expr = "changed", "changed"
				if p.NullsFirst != nil {
					*p.NullsFirst = !*p.NullsFirst
				}
			}
			x.Where, x.Method = "changed", "changed"
		}
	}
	got, err := e.Inspect(ctx, urls[1])
	if err != nil {
		t.Fatal(err)
	}
	want, err := inspect(ctx, urls[1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("an inspection through the engine's shared parses differs from one without")
	}
	if tbl := want.Schema("public").Table("c"); tbl == nil || len(tbl.Constraints) < 4 || len(tbl.Indexes) < 2 {
		t.Fatalf("inspected c: %+v", tbl)
	}
}

// TestEachByName compares the side-by-side walk with the map-based one on
// random lists, sorted or not, with names repeated or not.
func TestEachByName(t *testing.T) {
	type item struct{ name, tag string }
	name := func(x *item) string { return x.name }
	type pair struct {
		n        string
		t, s     *item
		inT, inS bool
	}
	walk := func(tl, sl []*item) []pair {
		var out []pair
		eachByName(tl, sl, name, func(n string, t *item, inT bool, s *item, inS bool) {
			out = append(out, pair{n: n, t: t, s: s, inT: inT, inS: inS})
		})
		return out
	}
	reference := func(tl, sl []*item) []pair {
		tm, sm := map[string]*item{}, map[string]*item{}
		for _, x := range tl {
			tm[x.name] = x
		}
		for _, x := range sl {
			sm[x.name] = x
		}
		var out []pair
		for _, n := range unionKeys(tm, sm) {
			t, inT := tm[n]
			s, inS := sm[n]
			out = append(out, pair{n: n, t: t, s: s, inT: inT, inS: inS})
		}
		return out
	}
	r := rand.New(rand.NewSource(1))
	list := func(sorted bool) []*item {
		var l []*item
		for i := 0; i < r.Intn(8); i++ {
			l = append(l, &item{name: string(rune('a' + r.Intn(10))), tag: fmt.Sprint(i)})
		}
		if sorted {
			slices.SortFunc(l, func(a, b *item) int { return int(a.name[0]) - int(b.name[0]) })
			l = slices.CompactFunc(l, func(a, b *item) bool { return a.name == b.name })
		}
		return l
	}
	for i := 0; i < 2000; i++ {
		tl, sl := list(i%3 != 0), list(i%4 != 0)
		if got, want := walk(tl, sl), reference(tl, sl); !reflect.DeepEqual(got, want) {
			t.Fatalf("eachByName(%v, %v) = %v, want %v", tl, sl, got, want)
		}
		var ta, sa []string
		for _, x := range tl {
			ta = append(ta, x.name)
		}
		for _, x := range sl {
			sa = append(sa, x.name)
		}
		slices.Sort(ta)
		slices.Sort(sa)
		ta, sa = slices.Compact(ta), slices.Compact(sa)
		set := map[string]bool{}
		for _, n := range append(slices.Clone(ta), sa...) {
			set[n] = true
		}
		if got, want := unionSorted(ta, sa), unionKeys(set, set); !slices.Equal(got, want) {
			t.Fatalf("unionSorted(%v, %v) = %v, want %v", ta, sa, got, want)
		}
	}
}

// TestColumnsByName finds columns of narrow and wide tables by name, the
// last of a name as a map would.
func TestColumnsByName(t *testing.T) {
	for _, n := range []int{0, 3, 32, 33, 100} {
		var cols []*engines.Column
		for i := 0; i < n; i++ {
			cols = append(cols, &engines.Column{Name: fmt.Sprintf("c%d", i%(n/2+1)), Type: fmt.Sprint(i)})
		}
		byName := newColumnsByName(cols)
		want := map[string]*engines.Column{}
		for _, c := range cols {
			want[c.Name] = c
		}
		for i := 0; i < n+2; i++ {
			name := fmt.Sprintf("c%d", i)
			if got := byName.get(name); got != want[name] {
				t.Errorf("%d columns: get(%q) = %v, want %v", n, name, got, want[name])
			}
		}
	}
}
