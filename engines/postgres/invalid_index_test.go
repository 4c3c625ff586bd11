package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
)

// leaveInvalidIndex runs a unique CREATE INDEX CONCURRENTLY over duplicate
// keys, which fails and leaves the index INVALID, then removes the
// duplicates: the state a killed or failed online build leaves behind.
func leaveInvalidIndex(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	conn, err := connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE UNIQUE INDEX CONCURRENTLY t_code_idx ON t (code)"); err == nil {
		t.Fatal("the unique build over duplicates succeeded")
	}
	if got := invalidIndexes(t, conn); len(got) != 1 || got[0] != "t_code_idx" {
		t.Fatalf("want t_code_idx INVALID, got %v", got)
	}
	if _, err := conn.Exec(ctx, "UPDATE t SET code = 'c' WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
}

const invalidFrom = "CREATE TABLE t (id integer PRIMARY KEY, code text); INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b');"

// TestInvalidIndexIsRebuilt: an index a failed concurrent build left
// INVALID is not taken for the index the source wants. The plan drops and
// builds it (concurrently when online), the apply converges and the plan
// after it is empty; when the source has no such index it is dropped.
func TestInvalidIndexIsRebuilt(t *testing.T) {
	ctx := context.Background()
	const to = "CREATE TABLE t (id integer PRIMARY KEY, code text); CREATE UNIQUE INDEX t_code_idx ON t (code);"
	for _, tc := range []struct {
		name string
		opts engines.PlanOptions
		want []string // in this order
	}{
		{"online", engines.PlanOptions{}, []string{
			"DROP INDEX CONCURRENTLY public.t_code_idx;",
			"CREATE UNIQUE INDEX CONCURRENTLY t_code_idx ON public.t USING btree (code);",
		}},
		{"plain", engines.PlanOptions{Online: engines.OnlineOptions{Off: true}}, []string{
			"DROP INDEX public.t_code_idx;",
			"CREATE UNIQUE INDEX t_code_idx ON public.t USING btree (code);",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, conn := onlineDB(t, invalidFrom)
			leaveInvalidIndex(t, url)
			target, err := New().Inspect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			if idx := target.Schema("public").Table("t").Indexes; len(idx) != 1 || !idx[0].Invalid {
				t.Fatalf("inspected indexes of t: %+v, want t_code_idx marked invalid", idx)
			}
			p := planFor(t, url, to, tc.opts)
			script := renderPlan(p)
			at := 0
			for _, w := range tc.want {
				i := strings.Index(script[at:], w)
				if i < 0 {
					t.Fatalf("plan lacks %q after offset %d:\n%s", w, at, script)
				}
				at += i + len(w)
			}
			for _, s := range p.Statements {
				if hasHazard(s, engines.HazardIndexDropped) {
					t.Errorf("dropping the INVALID index carries index_dropped: %s", s.SQL)
				}
			}
			if _, err := apply(ctx, url, script, engines.ApplyOptions{}); err != nil {
				t.Fatalf("apply: %v\n%s", err, script)
			}
			if got := invalidIndexes(t, conn); len(got) != 0 {
				t.Fatalf("INVALID indexes after apply: %v", got)
			}
			if p := planFor(t, url, to, tc.opts); !p.Empty() {
				t.Fatalf("plan after apply is not empty:\n%s", renderPlan(p))
			}
		})
	}

	t.Run("not in source", func(t *testing.T) {
		url, conn := onlineDB(t, invalidFrom)
		leaveInvalidIndex(t, url)
		const none = "CREATE TABLE t (id integer PRIMARY KEY, code text);"
		p := planFor(t, url, none, engines.PlanOptions{})
		script := renderPlan(p)
		if !strings.Contains(script, "DROP INDEX CONCURRENTLY public.t_code_idx;") || strings.Contains(script, "CREATE") {
			t.Fatalf("want the INVALID index dropped, nothing built:\n%s", script)
		}
		if _, err := apply(ctx, url, script, engines.ApplyOptions{}); err != nil {
			t.Fatalf("apply: %v", err)
		}
		if got := invalidIndexes(t, conn); len(got) != 0 {
			t.Fatalf("INVALID indexes after apply: %v", got)
		}
		if p := planFor(t, url, none, engines.PlanOptions{}); !p.Empty() {
			t.Fatalf("plan after apply is not empty:\n%s", renderPlan(p))
		}
	})
}

// TestPartitionedParentIndexIsNotRebuilt: a partitioned table's index is
// not valid while a partition lacks its part (CREATE INDEX ON ONLY), which
// is no failed build: it is not rebuilt, nor is a fully built one; the
// missing part is built on its partition alone and attached.
func TestPartitionedParentIndexIsNotRebuilt(t *testing.T) {
	const schema = `CREATE TABLE p (id integer, k integer, v integer) PARTITION BY RANGE (id);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE INDEX p_v_idx ON p (v);
`
	url, conn := onlineDB(t, schema+"CREATE INDEX p_k_idx ON ONLY p (k);")
	if got := invalidIndexes(t, conn); len(got) != 1 || got[0] != "p_k_idx" {
		t.Fatalf("want the ON ONLY parent index not valid, got %v", got)
	}
	target, err := New().Inspect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	for _, idx := range target.Schema("public").Table("p").Indexes {
		if idx.Invalid {
			t.Errorf("partitioned index %s inspected as invalid", idx.Name)
		}
	}
	want := schema + "CREATE INDEX p_k_idx ON p (k);"
	script := renderPlan(planFor(t, url, want, engines.PlanOptions{}))
	if strings.Contains(script, "DROP INDEX") || strings.Contains(script, " ON public.p ") ||
		!strings.Contains(script, "CREATE INDEX p1_k_idx ON public.p1 USING btree (k);") ||
		!strings.Contains(script, "ALTER INDEX public.p_k_idx ATTACH PARTITION public.p1_k_idx;") {
		t.Fatalf("want the missing part built on p1 and attached, the parent's indexes kept:\n%s", script)
	}
	if _, err := apply(context.Background(), url, script, engines.ApplyOptions{}); err != nil {
		t.Fatalf("apply: %v\n%s", err, script)
	}
	if got := invalidIndexes(t, conn); len(got) != 0 {
		t.Fatalf("indexes not valid after apply: %v", got)
	}
	if p := planFor(t, url, want, engines.PlanOptions{}); !p.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", renderPlan(p))
	}
}
