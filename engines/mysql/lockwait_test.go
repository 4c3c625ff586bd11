package mysql

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// TestLockWaitTimeout: a plan for a live MySQL or MariaDB target starts by
// bounding its metadata lock waits. While another session's open
// transaction has read the table, the ALTER gives up with an error naming
// it instead of queueing every later query of the table behind it; nothing
// of it is applied; a resumed apply sets the bound again on its new
// connection; once the transaction ends, the rerun converges.
func TestLockWaitTimeout(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			// Bounds a broken test, which would otherwise wait a year.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			url := testdb.MySQL(t, server)
			loadScript(t, ctx, url, "setup", "CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t VALUES (1, 1), (2, 2);")
			source := mustParse(t, ctx, engines.File{Path: "to.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, a int, b int);"})
			// 1.2 s is rounded up to whole seconds.
			opts := engines.PlanOptions{TargetURL: url, Online: engines.OnlineOptions{LockTimeout: 1200 * time.Millisecond}}
			p, err := New().Plan(ctx, mustInspect(t, ctx, url), source, opts)
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			script := engines.RenderSQL(p)
			if len(p.Statements) != 2 || p.Statements[0].SQL != "SET SESSION lock_wait_timeout = 2" ||
				!strings.HasPrefix(p.Statements[1].SQL, "ALTER TABLE `t`") {
				t.Fatalf("want the SET and the ALTER, got:\n%s", script)
			}

			// An open transaction that read t holds its metadata lock.
			holder, err := openDB(t, url).Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			if _, err := holder.ExecContext(ctx, "BEGIN"); err != nil {
				t.Fatal(err)
			}
			if _, err := holder.ExecContext(ctx, "SELECT * FROM t"); err != nil {
				t.Fatal(err)
			}

			blocked := func(skip int) *engines.ApplyResult {
				t.Helper()
				res, err := New().Apply(ctx, url, script, engines.ApplyOptions{Skip: skip})
				var se *engines.StatementError
				if !errors.As(err, &se) || !strings.HasPrefix(se.Statement, "ALTER TABLE `t`") {
					t.Fatalf("want the ALTER to fail, got %v", err)
				}
				if msg := err.Error(); !strings.Contains(msg, "Lock wait timeout") || !strings.Contains(msg, "another session holds a lock") {
					t.Fatalf("error does not say it waited for a lock: %v", err)
				}
				if has := mustInspect(t, ctx, url).Schemas[0].Table("t").Column("b") != nil; has {
					t.Fatalf("column b exists after the failed ALTER")
				}
				return res
			}
			res := blocked(0)
			if res.Executed != 1 {
				t.Fatalf("executed %d statements, want the SET only", res.Executed)
			}
			// A resumed apply skips the SET, which ran on the first
			// connection, but sets it again on its own.
			blocked(res.Executed)

			if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Fatal(err)
			}
			if _, err := New().Apply(ctx, url, script, engines.ApplyOptions{Skip: res.Executed}); err != nil {
				t.Fatalf("rerun: %v", err)
			}
			expectEmpty(t, ctx, "after the rerun", mustInspect(t, ctx, url), source)
		})
	}
}

// TestLockWaitOnlyForLiveTargets: files compared with files, a negative
// lock timeout and TiDB targets plan no SET.
func TestLockWaitOnlyForLiveTargets(t *testing.T) {
	live := Flavor{Major: 11}
	tidb := Flavor{TiDB: true, Major: 8}
	for _, tc := range []struct {
		name string
		f    Flavor
		live bool
		o    engines.OnlineOptions
		want string
	}{
		{"default", live, true, engines.OnlineOptions{}, "SET SESSION lock_wait_timeout = 5"},
		{"millis round up", live, true, engines.OnlineOptions{LockTimeout: 1001 * time.Millisecond}, "SET SESSION lock_wait_timeout = 2"},
		{"files", live, false, engines.OnlineOptions{}, ""},
		{"none", live, true, engines.OnlineOptions{LockTimeout: -1}, ""},
		{"tidb", tidb, true, engines.OnlineOptions{}, ""},
	} {
		got := ""
		if s := lockWaitStatement(tc.f, tc.live, tc.o); s != nil {
			got = s.SQL
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	for stmt, want := range map[string]bool{
		"SET SESSION lock_wait_timeout = 5":              true,
		"-- a comment\nSET lock_wait_timeout = 5":        true,
		"SET GLOBAL lock_wait_timeout = 5":               false,
		"ALTER TABLE t ADD COLUMN `set` int":             false,
		"SET @@SESSION.sql_mode = 'STRICT_TRANS_TABLES'": true,
	} {
		if got := isSessionSet(stmt); got != want {
			t.Errorf("isSessionSet(%q) = %v, want %v", stmt, got, want)
		}
	}
}
