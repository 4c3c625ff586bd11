package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// ---- plan shapes (no server) ----

// onlineModels are a busy table t (and a table r it may reference) before
// and after: a new index, a changed index, a dropped index, a new check, a
// new foreign key, a new unique constraint and a column becoming NOT NULL.
func onlineModels() (target, source *engines.Database) {
	r := func() *engines.Table {
		return tmTable("r", []*engines.Column{tmCol("id", "integer", tmNotNull)}, tmPk("r", "id"))
	}
	tt := tmTable("t", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("a", "integer"), tmCol("b", "text"), tmCol("c", "integer")}, tmPk("t", "id"))
	tt.Indexes = []*engines.Index{tmIdx("t_b_idx", false, "b"), tmIdx("t_c_idx", false, "c")}
	st := tmTable("t", []*engines.Column{tmCol("id", "integer", tmNotNull), tmCol("a", "integer", tmNotNull), tmCol("b", "text"), tmCol("c", "integer")},
		tmPk("t", "id"),
		&engines.Constraint{Name: "t_c_check", Kind: engines.Check, Check: "(c > 0)"},
		tmFk("t_c_fkey", []string{"c"}, "r", "id"),
		&engines.Constraint{Name: "t_b_key", Kind: engines.Unique, Columns: []string{"b"}})
	changed := tmIdx("t_b_idx", false, "b")
	changed.Parts[0].Desc = true
	st.Indexes = []*engines.Index{changed, tmIdx("t_a_idx", false, "a")}
	return tmMdb(tmPublic(r(), tt)), tmMdb(tmPublic(r(), st))
}

func TestOnlinePlanShape(t *testing.T) {
	target, source := onlineModels()
	p, err := plan(context.Background(), target, source, engines.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := renderPlan(p)
	for _, want := range []string{
		"DROP INDEX CONCURRENTLY public.t_c_idx;",
		"SET lock_timeout = '5s';",
		"ALTER TABLE public.t ADD CONSTRAINT schemasync_nn_a CHECK (a IS NOT NULL) NOT VALID;",
		"ALTER TABLE public.t ADD CONSTRAINT t_c_check CHECK ((c > 0)) NOT VALID;",
		"ALTER TABLE public.t ADD CONSTRAINT t_c_fkey FOREIGN KEY (c) REFERENCES public.r(id) NOT VALID;",
		"RESET lock_timeout;",
		"CREATE INDEX CONCURRENTLY t_a_idx ON public.t USING btree (a);",
		"CREATE INDEX CONCURRENTLY t_b_idx_ssync_new ON public.t USING btree (b DESC);",
		"CREATE UNIQUE INDEX CONCURRENTLY t_b_key ON public.t USING btree (b);",
		"ALTER TABLE public.t ADD CONSTRAINT t_b_key UNIQUE USING INDEX t_b_key;",
		"DROP INDEX CONCURRENTLY public.t_b_idx;",
		"ALTER INDEX public.t_b_idx_ssync_new RENAME TO t_b_idx;",
		"ALTER TABLE public.t VALIDATE CONSTRAINT schemasync_nn_a;",
		"ALTER TABLE public.t VALIDATE CONSTRAINT t_c_check;",
		"ALTER TABLE public.t VALIDATE CONSTRAINT t_c_fkey;",
		"ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;",
		"ALTER TABLE public.t DROP CONSTRAINT schemasync_nn_a;",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	if strings.Contains(text, "blocking_lock") {
		t.Errorf("online plan has a blocking_lock hazard")
	}
	for _, pair := range [][2]string{
		{"DROP INDEX CONCURRENTLY public.t_c_idx", "SET lock_timeout"},                             // online drops first, alone
		{"NOT VALID;", "CREATE INDEX CONCURRENTLY"},                                                // the transactional part before the builds
		{"CREATE INDEX CONCURRENTLY t_b_idx_ssync_new", "DROP INDEX CONCURRENTLY public.t_b_idx;"}, // replacement before the old one goes
		{"DROP INDEX CONCURRENTLY public.t_b_idx;", "RENAME TO t_b_idx"},
		{"CREATE UNIQUE INDEX CONCURRENTLY t_b_key", "UNIQUE USING INDEX t_b_key"},
		{"VALIDATE CONSTRAINT schemasync_nn_a", "SET NOT NULL"},
		{"SET NOT NULL", "DROP CONSTRAINT schemasync_nn_a"},
	} {
		if i, j := stmtIndex(p, pair[0]), stmtIndex(p, pair[1]); i < 0 || j < 0 || i >= j {
			t.Errorf("%q (#%d) must come before %q (#%d)", pair[0], i, pair[1], j)
		}
	}
	// The statements that run on their own say so, and run without the
	// plan's lock timeout; the others run with it.
	lock := ""
	for _, s := range p.Statements {
		switch {
		case strings.HasPrefix(s.SQL, "SET lock_timeout"):
			lock = "5s"
			continue
		case s.SQL == "RESET lock_timeout":
			lock = ""
			continue
		}
		noTx := strings.Contains(s.SQL, "CONCURRENTLY") || strings.Contains(s.SQL, "VALIDATE CONSTRAINT")
		if s.NoTransaction != noTx {
			t.Errorf("%s: NoTransaction = %v", s.SQL, s.NoTransaction)
		}
		if noTx && lock != "" || !noTx && lock == "" {
			t.Errorf("%s runs with lock_timeout %q", s.SQL, lock)
		}
		if noTx && !hasHazard(s, engines.HazardNotTransaction) {
			t.Errorf("%s lacks the not_transactional hazard", s.SQL)
		}
	}
}

func hasHazard(s *engines.Statement, k engines.HazardKind) bool {
	for _, h := range s.Hazards {
		if h.Kind == k {
			return true
		}
	}
	return false
}

func TestOnlineOffPlansBlockingForms(t *testing.T) {
	target, source := onlineModels()
	p, err := plan(context.Background(), target, source, engines.PlanOptions{Online: engines.OnlineOptions{Off: true}})
	if err != nil {
		t.Fatal(err)
	}
	text := renderPlan(p)
	for _, bad := range []string{"CONCURRENTLY", "NOT VALID", "VALIDATE", "schemasync_nn"} {
		if strings.Contains(text, bad) {
			t.Errorf("offline plan holds %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{"CREATE INDEX t_a_idx ON public.t", "ALTER TABLE public.t ALTER COLUMN a SET NOT NULL", "-- hazard blocking_lock", "SET lock_timeout = '5s'"} {
		if !strings.Contains(text, want) {
			t.Errorf("offline plan lacks %q:\n%s", want, text)
		}
	}
}

func TestOnlineSessionSettings(t *testing.T) {
	target, source := onlineModels()
	for _, tc := range []struct {
		name       string
		opts       engines.OnlineOptions
		want, none []string
	}{
		{"custom", engines.OnlineOptions{LockTimeout: 1500 * time.Millisecond, StatementTimeout: 2 * time.Minute},
			[]string{"SET statement_timeout = '120s'", "SET lock_timeout = '1500ms'"}, []string{"'5s'"}},
		{"no lock timeout", engines.OnlineOptions{LockTimeout: -1}, nil, []string{"lock_timeout", "statement_timeout"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan(context.Background(), target, source, engines.PlanOptions{Online: tc.opts})
			if err != nil {
				t.Fatal(err)
			}
			text := renderPlan(p)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("plan lacks %q", w)
				}
			}
			for _, n := range tc.none {
				if strings.Contains(text, n) {
					t.Errorf("plan holds %q", n)
				}
			}
		})
	}
	// A plan that only creates new objects waits for no lock: no SET.
	p, err := plan(context.Background(), tmMdb(), source, engines.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if text := renderPlan(p); strings.Contains(text, "lock_timeout") || strings.Contains(text, "CONCURRENTLY") {
		t.Errorf("plan of new tables sets lock_timeout or builds concurrently:\n%s", text)
	}
}

// ---- on a server ----

// onlineDB is a database holding a table t with rows, with a second
// connection the test writes through.
func onlineDB(t *testing.T, script string) (url string, conn *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	url = testdb.Postgres(t)
	if err := testdb.ExecPostgres(ctx, url, script); err != nil {
		t.Fatalf("load: %v", err)
	}
	conn, err := connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return url, conn
}

func planFor(t *testing.T, url, sourceSQL string, opts engines.PlanOptions) *engines.Plan {
	t.Helper()
	ctx := context.Background()
	eng := New()
	target, err := eng.Inspect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	source, err := eng.Parse(ctx, []engines.File{{Path: "source.sql", Text: sourceSQL}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	opts.TargetURL = url
	p, err := eng.Plan(ctx, target, source, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// waitForLockWait waits until a backend running a statement that starts
// with prefix waits for a lock. It polls the server's view of its
// sessions; the deadline only keeps a broken test from hanging.
func waitForLockWait(t *testing.T, conn *pgx.Conn, prefix string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		var n int
		err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1 || '%'`, prefix).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no session started waiting in %q", prefix)
}

// TestConcurrentIndexBuildLetsWritesThrough shows that the online build is
// online: while it waits for a transaction that writes to the table (as a
// build does for every such transaction), another session still writes to
// the table; with the plain build, that write queues behind the build and
// gives up at its lock timeout.
func TestConcurrentIndexBuildLetsWritesThrough(t *testing.T) {
	const from = "CREATE TABLE t (id integer PRIMARY KEY, a integer); INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g;"
	const to = "CREATE TABLE t (id integer PRIMARY KEY, a integer); CREATE INDEX t_a_idx ON t (a);"
	for _, tc := range []struct {
		name       string
		off        bool
		prefix     string
		writeFails bool
	}{
		{"online", false, "CREATE INDEX CONCURRENTLY", false},
		{"blocking", true, "CREATE INDEX t_a_idx", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			url, watcher := onlineDB(t, from)
			p := planFor(t, url, to, engines.PlanOptions{Online: engines.OnlineOptions{Off: tc.off}})
			script := renderPlan(p)
			if got := strings.Contains(script, "CONCURRENTLY"); got == tc.off {
				t.Fatalf("plan (online off: %v):\n%s", tc.off, script)
			}

			// An open transaction that wrote to t: every index build waits for it.
			wtx := openTx(t, url, "INSERT INTO t VALUES (1001, 1001)")

			applied := make(chan error, 1)
			go func() {
				// No lock timeout on the apply itself: it must wait for the writer.
				_, err := apply(ctx, url, strings.ReplaceAll(script, "SET lock_timeout = '5s';", ""), engines.ApplyOptions{})
				applied <- err
			}()
			waitForLockWait(t, watcher, tc.prefix)

			// A third session writes while the build waits.
			other, err := connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close(ctx)
			_, err = other.Exec(ctx, "SET lock_timeout = '1s'")
			if err == nil {
				_, err = other.Exec(ctx, "INSERT INTO t VALUES (2000, 2000); UPDATE t SET a = a + 1 WHERE id = 1")
			}
			var pe *pgconn.PgError
			switch {
			case tc.writeFails && !(errors.As(err, &pe) && pe.Code == "55P03"):
				t.Errorf("write during the blocking build: want lock timeout (55P03), got %v", err)
			case !tc.writeFails && err != nil:
				t.Errorf("write during the concurrent build failed: %v", err)
			}

			if err := wtx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			if err := <-applied; err != nil {
				t.Fatalf("apply: %v\n%s", err, script)
			}
			var valid bool
			if err := watcher.QueryRow(ctx, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a_idx'::regclass").Scan(&valid); err != nil || !valid {
				t.Fatalf("index t_a_idx valid = %v (%v)", valid, err)
			}
			var rows int
			if err := watcher.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&rows); err != nil {
				t.Fatal(err)
			}
			want := 1001
			if !tc.writeFails {
				want = 1002
			}
			if rows != want {
				t.Errorf("t holds %d rows, want %d", rows, want)
			}
		})
	}
}

// openTx runs a statement in a transaction of another session and leaves
// the transaction open (with its locks) until the test ends or commits it.
func openTx(t *testing.T, url, stmt string) pgx.Tx {
	t.Helper()
	ctx := context.Background()
	conn, err := connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = tx.Rollback(ctx)
		conn.Close(ctx)
	})
	if _, err := tx.Exec(ctx, stmt); err != nil {
		t.Fatal(err)
	}
	return tx
}

func invalidIndexes(t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), "SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestFailedConcurrentBuildIsCleanedUp: a unique build on duplicate keys
// fails and would leave an INVALID index; apply drops it at once, and a
// rerun after the data is fixed builds the index. An INVALID index left by
// a build that was interrupted (here: made by hand) is dropped before the
// build of the same name.
func TestFailedConcurrentBuildIsCleanedUp(t *testing.T) {
	ctx := context.Background()
	const from = "CREATE TABLE t (id integer PRIMARY KEY, code text); INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b');"
	const to = "CREATE TABLE t (id integer PRIMARY KEY, code text); CREATE UNIQUE INDEX t_code_idx ON t (code);"
	url, conn := onlineDB(t, from)
	p := planFor(t, url, to, engines.PlanOptions{})
	script := renderPlan(p)
	if !strings.Contains(script, "CREATE UNIQUE INDEX CONCURRENTLY t_code_idx") {
		t.Fatalf("plan:\n%s", script)
	}
	res, err := apply(ctx, url, script, engines.ApplyOptions{})
	var se *engines.StatementError
	if !errors.As(err, &se) || !strings.Contains(se.Statement, "CONCURRENTLY") {
		t.Fatalf("want the build to fail on the duplicates, got %v", err)
	}
	if got := invalidIndexes(t, conn); len(got) != 0 {
		t.Fatalf("INVALID indexes after the failed build: %v", got)
	}
	if _, err := conn.Exec(ctx, "UPDATE t SET code = 'c' WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
	// The rerun resumes at the failed statement (the SETs before it run again).
	if _, err := apply(ctx, url, script, engines.ApplyOptions{Skip: res.Executed}); err != nil {
		t.Fatalf("rerun: %v", err)
	}
	if got := invalidIndexes(t, conn); len(got) != 0 {
		t.Fatalf("INVALID indexes after the rerun: %v", got)
	}

	// An interrupted build's leftover: made INVALID by hand, the way a
	// killed build leaves it.
	if _, err := conn.Exec(ctx, "DROP INDEX t_code_idx; INSERT INTO t VALUES (4, 'b')"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE UNIQUE INDEX CONCURRENTLY t_code_idx ON t (code)"); err == nil {
		t.Fatal("the build on duplicates succeeded")
	}
	if got := invalidIndexes(t, conn); len(got) != 1 {
		t.Fatalf("want the leftover INVALID index, got %v", got)
	}
	if _, err := conn.Exec(ctx, "DELETE FROM t WHERE id = 4"); err != nil {
		t.Fatal(err)
	}
	var logged []string
	if _, err := apply(ctx, url, script, engines.ApplyOptions{Log: func(s string) { logged = append(logged, s) }}); err != nil {
		t.Fatalf("apply over the leftover: %v", err)
	}
	if got := invalidIndexes(t, conn); len(got) != 0 {
		t.Fatalf("INVALID indexes after apply: %v", got)
	}
	if !strings.Contains(strings.Join(logged, "\n"), "DROP INDEX CONCURRENTLY IF EXISTS public.t_code_idx") {
		t.Errorf("apply did not log the cleanup: %v", logged)
	}
	var valid bool
	if err := conn.QueryRow(ctx, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_code_idx'::regclass").Scan(&valid); err != nil || !valid {
		t.Fatalf("t_code_idx valid = %v (%v)", valid, err)
	}
}

// TestOnlineConstraintsConverge applies the online forms to a table with
// rows and checks the target then matches the source; a NOT NULL whose
// column holds NULL fails at its validation, after the transactional part
// committed, and a rerun after the fix resumes there.
func TestOnlineConstraintsConverge(t *testing.T) {
	ctx := context.Background()
	const from = `CREATE TABLE r (id integer PRIMARY KEY); INSERT INTO r VALUES (1), (2);
CREATE TABLE t (id integer PRIMARY KEY, a integer, b text, c integer);
CREATE INDEX t_b_idx ON t (b);
INSERT INTO t VALUES (1, 1, 'x', 1), (2, NULL, 'y', 2);`
	const to = `CREATE TABLE r (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY, a integer NOT NULL, b text CONSTRAINT t_b_key UNIQUE, c integer CHECK (c > 0) REFERENCES r);
CREATE INDEX t_b_idx ON t (b DESC);
CREATE INDEX t_c_idx ON t (c);`
	url, conn := onlineDB(t, from)
	eng := New()
	p := planFor(t, url, to, engines.PlanOptions{})
	script := renderPlan(p)
	res, err := apply(ctx, url, script, engines.ApplyOptions{})
	var se *engines.StatementError
	if !errors.As(err, &se) || !strings.Contains(se.Statement, "VALIDATE CONSTRAINT schemasync_nn_a") {
		t.Fatalf("want the NOT NULL validation to fail, got %v\n%s", err, script)
	}
	if _, err := conn.Exec(ctx, "UPDATE t SET a = 0 WHERE a IS NULL"); err != nil {
		t.Fatal(err)
	}
	if _, err := apply(ctx, url, script, engines.ApplyOptions{Skip: res.Executed}); err != nil {
		t.Fatalf("rerun: %v\n%s", err, script)
	}
	after, err := eng.Inspect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	source, err := eng.Parse(ctx, []engines.File{{Path: "to.sql", Text: to}}, engines.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rest, err := eng.Plan(ctx, after, source, engines.PlanOptions{TargetURL: url}); err != nil || !rest.Empty() {
		t.Fatalf("not converged (%v):\n%s\napplied:\n%s", err, renderPlan(rest), script)
	}
}

// TestValidateRunsBesideWriters: VALIDATE CONSTRAINT, as apply runs it (in
// a transaction of its own), does not wait for a transaction writing to
// the table, where adding a validated check does.
func TestValidateRunsBesideWriters(t *testing.T) {
	ctx := context.Background()
	url, _ := onlineDB(t, "CREATE TABLE t (id integer PRIMARY KEY, c integer); INSERT INTO t VALUES (1, 1); ALTER TABLE t ADD CONSTRAINT t_c_check CHECK (c > 0) NOT VALID;")
	openTx(t, url, "INSERT INTO t VALUES (2, 2)")
	script := "SET lock_timeout = '1s';\nSELECT 1;\nALTER TABLE t VALIDATE CONSTRAINT t_c_check;\n"
	if _, err := apply(ctx, url, script, engines.ApplyOptions{}); err != nil {
		t.Fatalf("VALIDATE beside a writer: %v", err)
	}
	_, err := apply(ctx, url, "SET lock_timeout = '1s';\nALTER TABLE t ADD CONSTRAINT t_c_check2 CHECK (c > 0);\n", engines.ApplyOptions{})
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "55P03" {
		t.Fatalf("a validated ADD CONSTRAINT beside a writer: want lock timeout, got %v", err)
	}
}

// TestResumeRunsSessionSettingsAgain: the SETs among the statements a
// resumed apply skips run again, so the statements after them run with the
// plan's timeouts.
func TestResumeRunsSessionSettingsAgain(t *testing.T) {
	ctx := context.Background()
	url, _ := onlineDB(t, "CREATE TABLE t (id integer);")
	openTx(t, url, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
	script := "SET lock_timeout = '200ms';\nCREATE TABLE done_before (id integer);\nALTER TABLE t ADD COLUMN x integer;\n"
	actx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	_, err := apply(actx, url, script, engines.ApplyOptions{Skip: 2})
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "55P03" {
		t.Fatalf("resumed statement: want the plan's lock timeout (55P03), got %v", err)
	}
}
