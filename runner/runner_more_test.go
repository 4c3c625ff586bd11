package runner_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

// TestMySQLResumeAfterFailure: a MySQL apply fails half-way (a unique key
// over duplicate rows); after the data is fixed, a rerun resumes after the
// statements that succeeded and runs none of them twice.
func TestMySQLResumeAfterFailure(t *testing.T) {
	ctx := context.Background()
	eng := mysql.New()
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			repo := newSchemaRepo(t, []repoVersion{
				{tag: "v1", files: map[string]string{"t.sql": "CREATE TABLE t (id int PRIMARY KEY, a int);\n"}},
				{tag: "v2", files: map[string]string{
					"t.sql": "CREATE TABLE t (id int PRIMARY KEY, a int, UNIQUE KEY t_a (a));\n",
					"x.sql": "CREATE TABLE x (id int PRIMARY KEY);\n",
					"z.sql": "CREATE TABLE z (id int PRIMARY KEY);\n",
				}},
			})
			url := testdb.MySQL(t, server)
			if err := testdb.ExecMySQL(ctx, url, "CREATE TABLE t (id int PRIMARY KEY, a int)", "INSERT INTO t VALUES (1, 7), (2, 7)"); err != nil {
				t.Fatal(err)
			}
			src, v := repo.load(t, eng, "v2")
			target := runner.LiveTarget{Name: "db", URL: url}
			set := planFor(t, eng, src, v, 1, target)
			pf := reread(t, t.TempDir(), set.Groups[0].File)
			failAt := -1
			for i, s := range set.Groups[0].Plan.Statements {
				if strings.Contains(s.SQL, "UNIQUE") {
					failAt = i
				}
			}
			if failAt < 1 {
				t.Fatalf("the unique key must come after other statements for this test, plan:\n%s", pf.Body)
			}
			var ran []string
			logf := func(s string) { ran = append(ran, s) }

			rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: src, Log: logf})
			var se *engines.StatementError
			if !errors.As(err, &se) || rep.Executed != failAt {
				t.Fatalf("want a statement error after %d statements, got %+v %v", failAt, rep, err)
			}
			recs, err := runner.History(ctx, eng, target, 0)
			if err != nil || len(recs) != 1 || recs[0].Status != "failed" || recs[0].Done != failAt || recs[0].ResumeFingerprint == "" {
				t.Fatalf("history after the failure: %+v %v", recs, err)
			}

			if err := testdb.ExecMySQL(ctx, url, "DELETE FROM t WHERE id = 2"); err != nil {
				t.Fatal(err)
			}
			rep, err = runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: src, Log: logf})
			if err != nil {
				t.Fatalf("rerun: %v", err)
			}
			if rep.Skipped != failAt || rep.Executed != len(set.Groups[0].Plan.Statements)-failAt || !rep.Verified || rep.Residue != nil {
				t.Fatalf("rerun report: %+v", rep)
			}
			// The first run started statements 0..failAt (the last failed);
			// the rerun started at the failed one: none of those that
			// succeeded ran again.
			if len(ran) != len(set.Groups[0].Plan.Statements)+1 {
				t.Fatalf("statements started over both runs: %q", ran)
			}
			first, second := ran[:failAt+1], ran[failAt+1:]
			for _, s := range first[:failAt] {
				for _, r := range second {
					if r == s {
						t.Errorf("statement ran twice: %s", s)
					}
				}
			}
			if second[0] != first[failAt] {
				t.Errorf("the rerun started at %q, want the failed statement %q", second[0], first[failAt])
			}
			recs, err = runner.History(ctx, eng, target, 0)
			if err != nil || len(recs) != 2 || recs[0].Status != "succeeded" || recs[0].Done != len(set.Groups[0].Plan.Statements) {
				t.Fatalf("history after the rerun: %+v %v", recs, err)
			}
			// The history table never shows in a plan.
			if again := planFor(t, eng, src, v, 1, target); again.Changed() {
				t.Errorf("replanning is not empty:\n%s", engines.RenderSQL(again.Groups[0].Plan))
			}
		})
	}
}

// countingEngine records how many inspections run at once.
type countingEngine struct {
	*postgres.Engine
	mu        sync.Mutex
	cur, peak int
	calls     int
}

func (c *countingEngine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	c.mu.Lock()
	c.cur++
	c.calls++
	c.peak = max(c.peak, c.cur)
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.cur--
		c.mu.Unlock()
	}()
	return c.Engine.Inspect(ctx, url)
}

// TestPlanManyTargetsInParallel: 20 targets are inspected concurrently,
// never more than --parallel at once, and identical ones share a plan.
func TestPlanManyTargetsInParallel(t *testing.T) {
	eng := &countingEngine{Engine: postgres.New()}
	repo := newSchemaRepo(t, pgVersions)
	var targets []runner.LiveTarget
	for i := 0; i < 20; i++ {
		url := testdb.Postgres(t)
		if i%2 == 1 {
			execPG(t, url, pgV1)
		}
		targets = append(targets, runner.LiveTarget{Name: "t" + string(rune('a'+i)), URL: url})
	}
	src, v := repo.load(t, eng, "v2")
	var progress []string
	set, err := runner.PlanTargets(context.Background(), runner.PlanRequest{
		Engine: eng, Source: src, Version: v, SchemaDir: "schema", Targets: targets, Parallel: 6,
		Progress: func(done, total int, target string, err error) { progress = append(progress, target) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if eng.calls != 20 || len(progress) != 20 {
		t.Fatalf("inspected %d targets, %d progress reports; want 20", eng.calls, len(progress))
	}
	if eng.peak < 2 || eng.peak > 6 {
		t.Fatalf("peak concurrent inspections %d; want between 2 and the bound 6", eng.peak)
	}
	if len(set.Groups) != 2 || len(set.Groups[0].Targets) != 10 || len(set.Groups[1].Targets) != 10 {
		t.Fatalf("want 2 groups of 10 targets sharing a plan, got %d groups", len(set.Groups))
	}
	var text strings.Builder
	runner.PreviewText(&text, set)
	if !strings.Contains(text.String(), "10 targets share one plan") {
		t.Errorf("preview does not say that targets share a plan:\n%s", text.String())
	}
}

func TestShard(t *testing.T) {
	var all []runner.Target
	for _, n := range []string{"e", "b", "a", "d", "c"} {
		all = append(all, runner.Target{Name: n})
	}
	seen := map[string]int{}
	for i := 1; i <= 2; i++ {
		s, err := runner.ParseShard(strings.Join([]string{string(rune('0' + i)), "2"}, "/"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range s.Select(all) {
			seen[tg.Name]++
		}
	}
	if len(seen) != 5 {
		t.Fatalf("shards do not cover every target once: %v", seen)
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s in %d shards", n, c)
		}
	}
	one, _ := runner.ParseShard("1/2")
	if got := len(one.Select(all)); got != 3 {
		t.Errorf("shard 1/2 of 5 has %d targets, want 3", got)
	}
	for _, bad := range []string{"0/2", "3/2", "x", "1/0"} {
		if _, err := runner.ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}
