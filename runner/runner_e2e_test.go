package runner_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

var pgVersions = []repoVersion{
	{tag: "v1", files: map[string]string{
		"users.sql": "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);\n",
	}},
	{tag: "v2", files: map[string]string{
		"users.sql":  "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text);\n",
		"orders.sql": "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id), total numeric(10,2));\n",
	}},
	{tag: "v3", files: map[string]string{
		"users.sql":  "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text);\n",
		"orders.sql": "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id), total numeric(10,2));\nCREATE INDEX orders_user_idx ON orders (user_id);\n",
	}},
}

const pgV1 = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);"

// TestEndToEndPostgres: three versions; plan v2 for two targets at
// different states; edit one plan; apply both; the history records the
// version and the edited flag; verification reports the edit's residue.
func TestEndToEndPostgres(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	repo := newSchemaRepo(t, pgVersions)
	old, empty := testdb.Postgres(t), testdb.Postgres(t)
	execPG(t, old, pgV1)

	src, v := repo.load(t, eng, "v2")
	if v.Hash != repo.hashes["v2"] {
		t.Fatalf("v2 resolved to %s, want %s", v.Hash, repo.hashes["v2"])
	}
	set := planFor(t, eng, src, v, 4, runner.LiveTarget{Name: "old", URL: old}, runner.LiveTarget{Name: "empty", URL: empty})
	if len(set.Groups) != 2 || !set.Changed() {
		t.Fatalf("want two changed groups, got %d (changed %v)", len(set.Groups), set.Changed())
	}
	dir := t.TempDir()
	if err := runner.WritePlanFiles(dir, set.Files(), set.Planned()); err != nil {
		t.Fatal(err)
	}
	plans, err := runner.ReadPlanFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 2 {
		t.Fatalf("want 2 plan files, got %d", len(plans))
	}
	byTarget := map[string]*runner.PlanFile{}
	for _, p := range plans {
		byTarget[p.Targets[0]] = p
		if p.Version != repo.hashes["v2"] || p.VersionRef != "v2" || p.Edited() {
			t.Fatalf("plan %s: version %s ref %s edited %v", p.Path, p.Version, p.VersionRef, p.Edited())
		}
	}

	// A reviewer removes the new column from the old target's plan.
	po := byTarget["old"]
	if !strings.Contains(po.Body, "ADD COLUMN email") {
		t.Fatalf("plan for old lacks the email column:\n%s", po.Body)
	}
	var kept []string
	for _, l := range strings.Split(string(po.Render()), "\n") {
		if !strings.Contains(l, "email") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(po.Path, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	plans, err = runner.ReadPlanFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		byTarget[p.Targets[0]] = p
	}
	if !byTarget["old"].Edited() || byTarget["empty"].Edited() {
		t.Fatalf("edited flags: old %v empty %v", byTarget["old"].Edited(), byTarget["empty"].Edited())
	}
	var md strings.Builder
	runner.PreviewMarkdown(&md, &runner.PlanSet{Engine: "postgres", Version: v, Groups: []*runner.PlanGroup{{Targets: []string{"old"}, Plan: groupOf(t, set, "old").Plan, File: byTarget["old"]}}}, eng)
	if !strings.Contains(md.String(), "EDITED") {
		t.Errorf("preview of an edited plan does not say so:\n%s", md.String())
	}

	for _, name := range []string{"old", "empty"} {
		url := map[string]string{"old": old, "empty": empty}[name]
		rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: byTarget[name], Target: runner.LiveTarget{Name: name, URL: url}, Source: src, AppliedBy: "tester", Agent: "go test"})
		if err != nil {
			t.Fatalf("apply %s: %v", name, err)
		}
		if !rep.Verified {
			t.Fatalf("apply %s: not verified", name)
		}
		switch name {
		case "old":
			if rep.Residue.Empty() || !strings.Contains(engines.RenderSQL(rep.Residue), "email") {
				t.Errorf("verification of the edited plan should report the missing email column, got %+v", rep.Residue)
			}
		case "empty":
			if !rep.Residue.Empty() {
				t.Errorf("verification of the unedited plan found a residue:\n%s", engines.RenderSQL(rep.Residue))
			}
		}
		recs, err := runner.History(ctx, eng, runner.LiveTarget{Name: name, URL: url}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 {
			t.Fatalf("%s: want 1 history row, got %d", name, len(recs))
		}
		r := recs[0]
		if r.Version != repo.hashes["v2"] || r.Status != "succeeded" || r.Edited != (name == "old") || r.AppliedBy != "tester" || r.Done != r.Statements || r.Done == 0 {
			t.Errorf("%s: history row %+v", name, r)
		}
	}

	// The history table is invisible to plans: v2 planned again for the
	// unedited target is empty, and drift against its last version is nil.
	again := planFor(t, eng, src, v, 1, runner.LiveTarget{Name: "empty", URL: empty})
	if again.Changed() {
		t.Errorf("replanning after apply is not empty:\n%s", engines.RenderSQL(again.Groups[0].Plan))
	}
	d := runner.CheckDrift(ctx, runner.DriftRequest{Engine: eng, Target: runner.LiveTarget{Name: "old", URL: old}, Load: repo.loader(eng), Version: "v3"})
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if !d.AgainstLast.Drifted() || !d.AgainstChosen.Drifted() || d.LastApplied.Version != repo.hashes["v2"] {
		t.Errorf("drift of the edited target: %+v", d)
	}
	d = runner.CheckDrift(ctx, runner.DriftRequest{Engine: eng, Target: runner.LiveTarget{Name: "empty", URL: empty}, Load: repo.loader(eng)})
	if d.Err != nil || d.Drifted() {
		t.Errorf("unedited target drifted: %+v", d)
	}
}

// TestDriftGuard: a change made after the plan makes apply refuse and show
// the difference.
func TestDriftGuard(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	repo := newSchemaRepo(t, pgVersions)
	url := testdb.Postgres(t)
	execPG(t, url, pgV1)
	src, v := repo.load(t, eng, "v2")
	set := planFor(t, eng, src, v, 1, runner.LiveTarget{Name: "db", URL: url})
	pf := reread(t, t.TempDir(), set.Groups[0].File)

	execPG(t, url, "ALTER TABLE users ADD COLUMN nickname text")
	_, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: runner.LiveTarget{Name: "db", URL: url}, Source: src, AllowDestructive: true})
	var de *runner.DriftError
	if !errors.As(err, &de) || !errors.Is(err, runner.ErrDrifted) {
		t.Fatalf("want a drift error, got %v", err)
	}
	if !strings.Contains(err.Error(), "nickname") {
		t.Errorf("the drift error does not show the difference:\n%v", err)
	}
	recs, err := runner.History(ctx, eng, runner.LiveTarget{Name: "db", URL: url}, 0)
	if err != nil || len(recs) != 0 {
		t.Errorf("a refused apply left history rows: %v %v", recs, err)
	}
}

// TestConcurrentApplies: two applies of the same plan at once; exactly one
// runs, the other is refused by the lock (or, if it came second, finds the
// plan already applied) and runs nothing.
func TestConcurrentApplies(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	repo := newSchemaRepo(t, pgVersions)
	url := testdb.Postgres(t)
	src, v := repo.load(t, eng, "v2")
	set := planFor(t, eng, src, v, 1, runner.LiveTarget{Name: "db", URL: url})
	pf := reread(t, t.TempDir(), set.Groups[0].File)

	var wg sync.WaitGroup
	var mu sync.Mutex
	var ran, locked, already int
	start := make(chan struct{})
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: runner.LiveTarget{Name: "db", URL: url}, Source: src})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, runner.ErrLocked):
				locked++
			case err != nil:
				t.Errorf("apply: %v", err)
			case rep.AlreadyApplied:
				already++
			case rep.Executed > 0:
				ran++
			}
		}()
	}
	close(start)
	wg.Wait()
	if ran != 1 || locked+already != 1 {
		t.Fatalf("ran %d, locked out %d, found applied %d; want exactly one run", ran, locked, already)
	}
	recs, err := runner.History(ctx, eng, runner.LiveTarget{Name: "db", URL: url}, 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("want one history row, got %v %v", recs, err)
	}
}

// TestLockRefuses: while another session holds the target's lock, apply
// refuses at once and changes nothing.
func TestLockRefuses(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	repo := newSchemaRepo(t, pgVersions)
	url := testdb.Postgres(t)
	src, v := repo.load(t, eng, "v2")
	set := planFor(t, eng, src, v, 1, runner.LiveTarget{Name: "db", URL: url})
	pf := reread(t, t.TempDir(), set.Groups[0].File)

	holder, err := eng.OpenHistory(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if ok, err := holder.TryLock(ctx); !ok || err != nil {
		t.Fatalf("take lock: %v %v", ok, err)
	}
	_, err = runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: runner.LiveTarget{Name: "db", URL: url}, Source: src})
	if !errors.Is(err, runner.ErrLocked) {
		t.Fatalf("want ErrLocked, got %v", err)
	}
	if err := holder.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: runner.LiveTarget{Name: "db", URL: url}, Source: src})
	if err != nil || rep.Executed == 0 {
		t.Fatalf("apply after unlock: %+v %v", rep, err)
	}
}

// TestDestructiveRefused: a plan that drops a column is refused without
// the policy, also when the drop was added by an edit, and runs with it.
func TestDestructiveRefused(t *testing.T) {
	ctx := context.Background()
	eng := postgres.New()
	repo := newSchemaRepo(t, pgVersions)
	url := testdb.Postgres(t)
	execPG(t, url, "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text, age integer);")
	src, v := repo.load(t, eng, "v1")
	set := planFor(t, eng, src, v, 1, runner.LiveTarget{Name: "db", URL: url})
	g := set.Groups[0]
	if len(g.Destructive) != 2 {
		t.Fatalf("want 2 destructive statements (drop email, drop age), got %+v", g.Destructive)
	}
	pf := reread(t, t.TempDir(), g.File)
	target := runner.LiveTarget{Name: "db", URL: url}
	_, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: src})
	if !errors.Is(err, runner.ErrDestructive) || !strings.Contains(err.Error(), "drops a column") {
		t.Fatalf("want a destructive refusal, got %v", err)
	}
	// An edit that sneaks a drop into a harmless plan is caught too.
	edited := *pf
	edited.Body = "ALTER TABLE users ADD COLUMN x integer;\nALTER TABLE users DROP CONSTRAINT users_pkey;\n"
	_, err = runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: &edited, Target: target, Source: src})
	if !errors.Is(err, runner.ErrDestructive) {
		t.Fatalf("want a destructive refusal of the edited plan, got %v", err)
	}
	if cols := columnsOf(t, eng, url); len(cols) != 4 {
		t.Fatalf("a refused plan changed the table: %v", cols)
	}
	rep, err := runner.Apply(ctx, runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: src, AllowDestructive: true})
	if err != nil || rep.Residue != nil {
		t.Fatalf("allowed apply: %+v %v", rep, err)
	}
	if cols := columnsOf(t, eng, url); len(cols) != 2 {
		t.Fatalf("after the allowed apply: %v", cols)
	}
}

func columnsOf(t *testing.T, eng engines.Engine, url string) []string {
	t.Helper()
	db, _, err := runner.InspectTarget(context.Background(), eng, url)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range db.Schema("public").Table("users").Columns {
		out = append(out, c.Name)
	}
	return out
}

func TestPlanFileRoundTrip(t *testing.T) {
	p := &engines.Plan{Engine: "postgres", Statements: []*engines.Statement{
		{SQL: "ALTER TABLE t DROP COLUMN a", Hazards: []engines.Hazard{{Kind: engines.HazardDeletesData, Message: "dropping\ncolumn a"}}},
		{SQL: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$"},
	}}
	pf := runner.NewPlanFile(p, []string{"a", "b"}, runner.SourceVersion{Rev: "v2", Hash: "abc123"}, "schema", "sha256:ff")
	got, err := runner.ParsePlanFile("x.sql", pf.Render())
	if err != nil {
		t.Fatal(err)
	}
	if got.Edited() || got.Statements != 2 || got.Version != "abc123" || got.VersionRef != "v2" || strings.Join(got.Targets, ",") != "a,b" ||
		len(got.Hazards) != 1 || len(got.Destructive) != 1 || got.Body != pf.Body {
		t.Fatalf("round trip: %+v", got)
	}
	if n := runner.CountStatements(got.Body); n != 2 {
		t.Errorf("CountStatements = %d, want 2 (the function body's ; is quoted)", n)
	}
	got.Body += "SELECT 1;\n"
	if !got.Edited() {
		t.Error("an edited body is not reported as edited")
	}
	if _, err := runner.ParsePlanFile("y.sql", []byte("ALTER TABLE t ADD c int;\n")); err == nil {
		t.Error("a plain SQL file parsed as a plan file")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.sql"), append([]byte("-- schemasync plan v1\n-- engine: postgres\n"), []byte("-- end of header\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runner.ReadPlanFiles([]string{dir}); err == nil {
		t.Error("a plan file without its end marker was accepted")
	}
}

func TestDestructiveStatements(t *testing.T) {
	cases := []struct {
		body string
		want int
	}{
		{"ALTER TABLE t ADD COLUMN a int;", 0},
		{"ALTER TABLE t ALTER COLUMN a DROP DEFAULT;\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;", 0},
		{"DROP INDEX i;\nDROP VIEW v;\nDROP FUNCTION f();", 0},
		{"ALTER TABLE t DROP COLUMN a;", 1},
		{"ALTER TABLE `t` DROP `a`;", 1},
		{"ALTER TABLE t DROP CONSTRAINT t_a_check;", 1},
		{"ALTER TABLE t DROP CONSTRAINT t_a_fkey;\nALTER TABLE t ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES u(id) ON DELETE CASCADE;", 0},
		{"ALTER TABLE t DROP CONSTRAINT t_a_fkey;\nALTER TABLE x ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES u(id);", 1},
		{"DROP TABLE t;\nTRUNCATE u;", 2},
		{"-- hazard may_fail_on_data: values may not fit\nALTER TABLE t ALTER COLUMN a TYPE smallint;", 1},
		{"ALTER TABLE t ALTER COLUMN a TYPE bigint;", 0},
		{"-- hazard may_fail_on_data: column a becomes NOT NULL: fails on NULL values\nALTER TABLE `t` MODIFY COLUMN `a` int NOT NULL;", 0},
		{"-- hazard may_fail_on_data: existing values of a may not fit the new type\nALTER TABLE `t` MODIFY COLUMN `a` tinyint;", 1},
		{"-- hazard deletes_data: x\nALTER TABLE t SET SCHEMA s;", 1},
		{"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $b$ DELETE FROM t; $b$;", 0},
	}
	for _, c := range cases {
		if got := runner.DestructiveStatements(c.body); len(got) != c.want {
			t.Errorf("%q: got %d destructive (%+v), want %d", c.body, len(got), got, c.want)
		}
	}
}
