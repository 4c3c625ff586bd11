package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
	"github.com/schemasync/schemasync/runner"
)

// tidbHazardListing prints a plan's statements (on one line each) with
// their hazard kinds, then the kinds apply's default policy refuses, as
// testdata/tidb-hazards/*/expect writes them.
func tidbHazardListing(p *engines.Plan, refused []runner.RefusedStatement) string {
	var b strings.Builder
	for _, s := range p.Statements {
		fmt.Fprintf(&b, "%s => %s\n", oneLineSQL(s.SQL), strings.Join(hazardKinds(s.Hazards), " "))
	}
	seen := map[string]bool{}
	for _, r := range refused {
		for _, k := range hazardKinds(r.Hazards) {
			seen[k] = true
		}
	}
	var kinds []string
	for _, k := range runner.KnownHazards() {
		if seen[string(k)] {
			kinds = append(kinds, string(k))
		}
	}
	fmt.Fprintf(&b, "refused by default: %s\n", strings.Join(kinds, " "))
	return b.String()
}

func oneLineSQL(s string) string {
	return strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(s), ";")), " ")
}

func hazardKinds(hz []engines.Hazard) []string {
	out := make([]string, 0, len(hz))
	for _, h := range hz {
		out = append(out, string(h.Kind))
	}
	return out
}

func hasHazard(hz []engines.Hazard, k engines.HazardKind) bool {
	for _, h := range hz {
		if h.Kind == k {
			return true
		}
	}
	return false
}

// ddlJob is what TiDB records of one DDL statement it ran.
type ddlJob struct {
	jobType string
	rows    int64 // rows the job reorganized (backfilled or rewrote)
}

// ddlJobs reads the DDL jobs TiDB ran in a database, by their statement
// (on one line).
func ddlJobs(t *testing.T, ctx context.Context, db *sql.DB, database string) map[string]ddlJob {
	t.Helper()
	rows, err := db.QueryContext(ctx, "SELECT JOB_TYPE, ROW_COUNT, QUERY FROM information_schema.DDL_JOBS WHERE DB_NAME = ? AND STATE = 'synced' ORDER BY JOB_ID", database)
	if err != nil {
		t.Fatalf("read DDL jobs: %v", err)
	}
	defer rows.Close()
	out := map[string]ddlJob{}
	for rows.Next() {
		var j ddlJob
		var q string
		if err := rows.Scan(&j.jobType, &j.rows, &q); err != nil {
			t.Fatal(err)
		}
		out[oneLineSQL(q)] = j
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTiDBHazards runs each case of testdata/tidb-hazards on the live TiDB
// through the runner: "before" is loaded (with rows), the plan to "after"
// must carry the hazards of the case's expect file (-update rewrites it);
// apply without permission refuses, naming each hazard kind and
// statement, and changes nothing; with every kind allowed it applies,
// verifies and a new plan is empty. Then the hazards are held against
// what the server did, read from its DDL jobs: an index build
// (index_build) backfilled rows; a column change reorganized every row
// exactly when the plan said rewrites_table; and no ALTER the plan made
// without rewrites_table reorganized any.
func TestTiDBHazards(t *testing.T) {
	server := testdb.TiDBServer(t)
	dirs, err := filepath.Glob("testdata/tidb-hazards/*")
	if err != nil || len(dirs) < 15 {
		t.Fatalf("want at least 15 cases in testdata/tidb-hazards, got %d (%v)", len(dirs), err)
	}
	eng := NewTiDB()
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			read := func(name string) string {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			url := serverURL(t, server)
			loadScript(t, ctx, url, filepath.Join(dir, "before.sql"), read("before.sql"))
			source := mustParseFor(t, ctx, eng, engines.File{Path: "schema/after.sql", Text: read("after.sql")})
			target := runner.LiveTarget{Name: "tidb", URL: url}
			set, err := runner.PlanTargets(ctx, runner.PlanRequest{Engine: eng, Source: source, SchemaDir: "schema",
				Version: runner.SourceVersion{Rev: "after", Hash: strings.Repeat("0", 40)}, Targets: []runner.LiveTarget{target}})
			if err != nil || len(set.Failed) > 0 || len(set.Groups) != 1 {
				t.Fatalf("plan: %v %+v", err, set)
			}
			g := set.Groups[0]
			got := tidbHazardListing(g.Plan, g.Refused)
			exp := filepath.Join(dir, "expect")
			if *update {
				if err := os.WriteFile(exp, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want := read("expect"); got != want {
				t.Errorf("hazards differ from %s:\n--- got\n%s--- want\n%s", exp, got, want)
			}

			// The plan file as apply reads it.
			pf, err := runner.ParsePlanFile("plans/"+runner.PlanFileName(g.File.Targets), g.File.Render())
			if err != nil {
				t.Fatal(err)
			}
			req := runner.ApplyRequest{Engine: eng, Plan: pf, Target: target, Source: source}
			// Without permission: destructive statements are refused first
			// (deletes_data); with them allowed, the other kinds still are.
			// Each refusal names the statement; nothing reaches the target.
			destructive, other := false, false
			for _, r := range g.Refused {
				for _, h := range r.Hazards {
					destructive = destructive || h.Kind == engines.HazardDeletesData
					other = other || h.Kind != engines.HazardDeletesData
				}
			}
			if destructive {
				_, err := runner.Apply(ctx, req)
				if !errors.Is(err, runner.ErrDestructive) {
					t.Fatalf("without permission: want the destructive statements refused, got %v\n%s", err, pf.Body)
				}
				for _, r := range g.Refused {
					if hasHazard(r.Hazards, engines.HazardDeletesData) && !strings.Contains(err.Error(), fmt.Sprintf("statement %d (", r.Number)) {
						t.Errorf("the refusal does not name statement %d:\n%v", r.Number, err)
					}
				}
			}
			if other {
				req.AllowDestructive = true
				_, err := runner.Apply(ctx, req)
				req.AllowDestructive = false
				if !errors.Is(err, runner.ErrHazards) {
					t.Fatalf("with allow_destructive only: want a hazard refusal, got %v\n%s", err, pf.Body)
				}
				for _, r := range g.Refused {
					for _, h := range r.Hazards {
						if h.Kind == engines.HazardDeletesData {
							continue
						}
						if !strings.Contains(err.Error(), fmt.Sprintf("statement %d (%s)", r.Number, h.Kind)) || !strings.Contains(err.Error(), strings.SplitN(r.SQL, "\n", 2)[0]) {
							t.Errorf("the refusal does not name statement %d (%s):\n%v", r.Number, h.Kind, err)
						}
					}
				}
			}
			if _, fp, err := runner.InspectTarget(ctx, eng, url); err != nil || fp != g.Fingerprint {
				t.Fatalf("a refused apply changed the target (fingerprint %s, planned from %s): %v", fp, g.Fingerprint, err)
			}
			req.AllowDestructive = true
			req.Hazards = runner.HazardPolicy{Allow: []engines.HazardKind{runner.AllHazards}}
			rep, err := runner.Apply(ctx, req)
			if err != nil || !rep.Verified || rep.Residue != nil {
				t.Fatalf("allowed apply: %+v %v\n%s", rep, err, pf.Body)
			}
			current, _, err := runner.InspectTarget(ctx, eng, url) // without the history table
			if err != nil {
				t.Fatal(err)
			}
			if again, err := eng.Plan(ctx, current, source, engines.PlanOptions{TargetURL: url}); err != nil || !again.Empty() {
				t.Fatalf("plan after the apply: %v\n%s", err, engines.RenderSQL(again))
			}

			// What the server did.
			db := openDB(t, url)
			var database string
			if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
				t.Fatal(err)
			}
			jobs := ddlJobs(t, ctx, db, database)
			for _, s := range g.Plan.Statements {
				if !strings.HasPrefix(s.SQL, "ALTER TABLE") {
					continue
				}
				j, ok := jobs[oneLineSQL(s.SQL)]
				if !ok {
					t.Errorf("no DDL job of %s", oneLineSQL(s.SQL))
					continue
				}
				switch {
				case strings.HasPrefix(j.jobType, "add index") || strings.HasPrefix(j.jobType, "add primary key"):
					if !hasHazard(s.Hazards, engines.HazardIndexBuild) || j.rows == 0 {
						t.Errorf("%s: job %q backfilled %d rows; hazards %v", oneLineSQL(s.SQL), j.jobType, j.rows, hazardKinds(s.Hazards))
					}
				case hasHazard(s.Hazards, engines.HazardRewritesTable) != (j.rows > 0):
					t.Errorf("%s: job %q reorganized %d rows, but the hazards say %v", oneLineSQL(s.SQL), j.jobType, j.rows, hazardKinds(s.Hazards))
				}
				t.Logf("%s: job %q, %d rows", oneLineSQL(s.SQL), j.jobType, j.rows)
			}
		})
	}
}

// TestTiDBOnlineWrites proves on the live TiDB that the statements TiDB
// plans mark online let writes go on: while the DDL job of ADD INDEX (a
// backfill) and of a column type change that rewrites the rows (a
// reorganization) is in its reorganization phase on 150,000 rows, an
// INSERT and an UPDATE from another session complete before the job
// ends; during an ADD COLUMN, a writer session's statements keep
// succeeding. Each time ADMIN CHECK TABLE finds table and indexes
// consistent, and the rows written are there.
func TestTiDBOnlineWrites(t *testing.T) {
	server := testdb.TiDBServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	eng := NewTiDB()
	url := serverURL(t, server)
	const rows = 150000
	loadScript(t, ctx, url, "setup", fmt.Sprintf(`
CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n bigint NOT NULL);
INSERT INTO big (v, n)
  SELECT concat(reverse(x.k), '-', repeat('v', 40)), x.k
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000)
        SELECT a.i * 1000 + b.i AS k FROM s a JOIN s b ON b.i <= %d) x;`, rows/1000))
	db := openDB(t, url)
	var database string
	if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
		t.Fatal(err)
	}
	// reorganizing reports whether a DDL job of the database is in its
	// reorganization phase (backfilling or rewriting rows).
	reorganizing := func() bool {
		var n int
		err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.DDL_JOBS WHERE DB_NAME = ? AND STATE = 'running' AND SCHEMA_STATE = 'write reorganization'", database).Scan(&n)
		if err != nil {
			t.Fatalf("DDL jobs: %v", err)
		}
		return n > 0
	}
	written := 0
	for i, step := range []struct {
		name, table string
		kinds       string // hazard kinds of the one statement planned
		reorg       bool   // the job has a reorganization phase to write during
	}{
		{"add index", "CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n bigint NOT NULL, KEY kv (v));", "index_build", true},
		{"add column", "CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n bigint NOT NULL, c int NOT NULL DEFAULT 7, KEY kv (v));", "", false},
		{"column type change", "CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n int NOT NULL, c int NOT NULL DEFAULT 7, KEY kv (v));", "may_fail_on_data rewrites_table", true},
	} {
		source := mustParseFor(t, ctx, eng, engines.File{Path: "big.sql", Text: step.table})
		p, err := eng.Plan(ctx, mustInspect(t, ctx, url), source, engines.PlanOptions{TargetURL: url})
		if err != nil {
			t.Fatal(err)
		}
		script := engines.RenderSQL(p)
		if len(p.Statements) != 1 || strings.Join(hazardKinds(p.Statements[0].Hazards), " ") != step.kinds || hasHazard(p.Statements[0].Hazards, engines.HazardBlockingLock) {
			t.Fatalf("%s: want one statement with hazards %q, got:\n%s", step.name, step.kinds, script)
		}

		// A writer session writes all along; none of its statements may
		// fail, except with the error TiDB asks clients to retry (8028: the
		// table's schema changed between the statement's start and its
		// commit), which a job's state changes can cause; a few retries of
		// the same statement are allowed.
		stop := make(chan struct{})
		writer := make(chan error, 1)
		writes := 0
		var retries atomic.Int64 // the writer and this goroutine both write
		write := func(q string, args ...any) error {
			for attempt := 1; ; attempt++ {
				_, err := db.ExecContext(ctx, q, args...)
				var me *gomysql.MySQLError
				if err == nil || !errors.As(err, &me) || me.Number != 8028 || attempt == 5 {
					return err
				}
				retries.Add(1)
			}
		}
		go func() {
			var err error
			for err == nil {
				select {
				case <-stop:
					writer <- nil
					return
				default:
				}
				err = write("INSERT INTO big (v, n) VALUES (?, ?)", fmt.Sprintf("writer %d %d", i, writes), -1)
				if err == nil {
					err = write("UPDATE big SET n = n + 1 WHERE id = ?", 1+writes%rows)
				}
				writes++
			}
			writer <- err
		}()

		done := make(chan error, 1)
		go func() {
			_, err := eng.Apply(ctx, url, script, engines.ApplyOptions{})
			done <- err
		}()
		if step.reorg {
			for !reorganizing() {
				select {
				case err := <-done:
					close(stop)
					t.Fatalf("%s: the job ended before its reorganization was seen: %v", step.name, err)
				case <-time.After(5 * time.Millisecond):
				}
			}
			if err := write("INSERT INTO big (v, n) VALUES (?, ?)", "written during "+step.name, -2); err != nil {
				t.Fatalf("%s: insert during the job: %v", step.name, err)
			}
			if err := write("UPDATE big SET v = concat(v, '+') WHERE id = 2"); err != nil {
				t.Fatalf("%s: update during the job: %v", step.name, err)
			}
			written++
			if !reorganizing() {
				t.Errorf("%s: the writes returned only after the job's reorganization had ended: it was not online", step.name)
			}
		}
		if err := <-done; err != nil {
			close(stop)
			t.Fatalf("%s: apply: %v", step.name, err)
		}
		close(stop)
		if err := <-writer; err != nil {
			t.Fatalf("%s: a write during the job failed: %v", step.name, err)
		}
		if writes == 0 {
			t.Errorf("%s: the writer wrote nothing while the job ran", step.name)
		}
		if n := retries.Load(); n > 0 {
			t.Logf("%s: %d writes retried after error 8028", step.name, n)
		}
		if _, err := db.ExecContext(ctx, "ADMIN CHECK TABLE big"); err != nil {
			t.Fatalf("%s: ADMIN CHECK TABLE: %v", step.name, err)
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM big USE INDEX (kv) WHERE v LIKE 'written during %'").Scan(&n); err != nil || n != written {
			t.Errorf("%s: rows written during the jobs, read through the index: %d, want %d (%v)", step.name, n, written, err)
		}
		t.Logf("%s: %d writer iterations during the job", step.name, writes)
		expectEmpty(t, ctx, step.name, mustInspect(t, ctx, url), source)
	}
}

// TestTiDBDDLWaitsWithoutBlocking backs what the README says TiDB does
// instead of a lock timeout: a DDL statement waits (TiDB's metadata lock)
// for an open transaction that used the table, lock_wait_timeout does not
// end that wait, and writes that start after it are not queued behind it.
// So TiDB plans set no timeout.
func TestTiDBDDLWaitsWithoutBlocking(t *testing.T) {
	server := testdb.TiDBServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	url := serverURL(t, server)
	loadScript(t, ctx, url, "setup", "CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1);")
	db := openDB(t, url)
	var database string
	if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET a = 2 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET SESSION lock_wait_timeout = 1"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := conn.ExecContext(ctx, "ALTER TABLE t ADD COLUMN c int")
		done <- err
	}()
	running := func() bool {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.DDL_JOBS WHERE DB_NAME = ? AND STATE = 'running'", database).Scan(&n); err != nil {
			t.Fatalf("DDL jobs: %v", err)
		}
		return n > 0
	}
	for !running() {
		select {
		case err := <-done:
			t.Fatalf("the ALTER ended while a transaction still used the table: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	// Twice the session's lock_wait_timeout: the ALTER is still waiting.
	time.Sleep(2 * time.Second)
	select {
	case err := <-done:
		t.Fatalf("the ALTER ended before the transaction did (lock_wait_timeout bounds it?): %v", err)
	default:
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO t VALUES (2, 2)"); err != nil {
		t.Fatalf("a write while the ALTER waits: %v", err)
	}
	if !running() {
		t.Fatal("the write returned only after the ALTER: it queued behind it")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the ALTER after the transaction ended: %v", err)
	}
}
