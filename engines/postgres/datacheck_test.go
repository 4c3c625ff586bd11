package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// TestCheckData runs the data checks of a plan against a target whose data
// breaks most of the plan's new rules, and one whose data breaks none.
func TestCheckData(t *testing.T) {
	const schema = `CREATE TABLE r (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY, a integer, code text, c integer, ref integer, name varchar(20), big bigint, num text, amount numeric(10,2));`
	const bad = `INSERT INTO r VALUES (1);
INSERT INTO t VALUES
  (1, NULL, 'x', -1, 1, 'short', 1, '12', 1.5),
  (2, NULL, 'x', 5, 7, 'a name that is long', 5000000000, 'twelve', 123456.78),
  (3, 3, 'y', 5, NULL, 'ok', 2, '3', 2),
  (4, 4, 'y', 6, 8, 'ok', 3, '4', 3);
ANALYZE t;`
	const good = `INSERT INTO r VALUES (1); INSERT INTO t VALUES (1, 1, 'x', 1, 1, 'ok', 1, '1', 1); ANALYZE t;`
	const to = `CREATE TABLE r (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY, a integer NOT NULL, code text, c integer CHECK (c > 0), ref integer REFERENCES r,
  name varchar(8), big integer, num integer, amount numeric(5,2), added integer NOT NULL);
CREATE UNIQUE INDEX t_code_idx ON t (code);`

	type want struct {
		kind   engines.CheckKind
		object string
		rows   int64
		fails  bool
	}
	for _, tc := range []struct {
		name string
		data string
		want []want
	}{
		{"breaks", bad, []want{
			{engines.CheckNulls, "column public.t.a", 2, true},
			{engines.CheckNulls, "column public.t.added", 4, true},
			{engines.CheckDuplicates, "index public.t.t_code_idx", 2, true},
			{engines.CheckViolations, "constraint public.t.t_c_check", 1, true},
			{engines.CheckOrphans, "constraint public.t.t_ref_fkey", 2, true},
			{engines.CheckNarrowing, "column public.t.name", 1, true},
			{engines.CheckNarrowing, "column public.t.big", 1, true},
			{engines.CheckNarrowing, "column public.t.num", 0, true}, // tried: fails, count unknown
			{engines.CheckNarrowing, "column public.t.amount", 1, true},
			{engines.CheckRowEstimate, "table public.t", 4, false},
		}},
		{"fits", good, []want{
			{engines.CheckNulls, "column public.t.a", 0, false},
			{engines.CheckNulls, "column public.t.added", 1, true},
			{engines.CheckDuplicates, "index public.t.t_code_idx", 0, false},
			{engines.CheckViolations, "constraint public.t.t_c_check", 0, false},
			{engines.CheckOrphans, "constraint public.t.t_ref_fkey", 0, false},
			{engines.CheckNarrowing, "column public.t.name", 0, false},
			{engines.CheckNarrowing, "column public.t.big", 0, false},
			{engines.CheckNarrowing, "column public.t.num", 0, false},
			{engines.CheckNarrowing, "column public.t.amount", 0, false},
			{engines.CheckRowEstimate, "table public.t", 1, false},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, _ := onlineDB(t, schema+tc.data)
			p := planFor(t, url, to, engines.PlanOptions{})
			findings, err := New().CheckData(context.Background(), url, p)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]engines.Finding{}
			for _, f := range findings {
				if f.Error != "" {
					t.Errorf("check %s %s failed: %s", f.Kind, f.Object, f.Error)
				}
				got[string(f.Kind)+" "+f.Object] = f
			}
			for _, w := range tc.want {
				f, ok := got[string(w.kind)+" "+w.object]
				if !ok {
					t.Errorf("no %s finding for %s; findings: %+v", w.kind, w.object, findings)
					continue
				}
				if f.Rows != w.rows || f.Fails != w.fails {
					t.Errorf("%s %s: rows %d fails %v (%q), want rows %d fails %v", w.kind, w.object, f.Rows, f.Fails, f.Message, w.rows, w.fails)
				}
				if w.kind != engines.CheckRowEstimate && (f.Statement < 1 || p.Statements[f.Statement-1].Object != w.object) {
					t.Errorf("%s %s points at statement %d", w.kind, w.object, f.Statement)
				}
				// Values never appear, only counts.
				for _, v := range []string{"twelve", "a name that is long", "5000000000"} {
					if strings.Contains(f.Message+f.Error, v) {
						t.Errorf("finding quotes the data (%q): %s", v, f.Message)
					}
				}
			}
		})
	}
}

// TestCheckDataCaps counts at most dataCheckCap offending rows, and a
// check that cannot run is reported, not fatal.
func TestCheckDataCaps(t *testing.T) {
	url, _ := onlineDB(t, "CREATE TABLE t (id integer, a integer, c integer); INSERT INTO t SELECT g, NULL, 1 FROM generate_series(1, 1500) g;")
	p := planFor(t, url, "CREATE TABLE t (id integer, a integer NOT NULL, c integer CHECK (c > 0));", engines.PlanOptions{})
	// A check whose expression the server refuses: the finding says so.
	for _, c := range p.Changes {
		if con, ok := c.To.(*engines.Constraint); ok && con.Kind == engines.Check {
			cp := *con
			cp.Check = "no_such_function(c)"
			c.To = &cp
		}
	}
	findings, err := New().CheckData(context.Background(), url, p)
	if err != nil {
		t.Fatal(err)
	}
	var sawCap, sawError bool
	for _, f := range findings {
		switch f.Kind {
		case engines.CheckNulls:
			sawCap = f.Rows == engines.DataCheckCap && f.AtLeast && f.Fails && strings.Contains(f.Message, "at least 1000")
		case engines.CheckViolations:
			sawError = f.Error != "" && !f.Fails
		}
	}
	if !sawCap || !sawError {
		t.Errorf("capped count %v, failed check reported %v: %+v", sawCap, sawError, findings)
	}
}
