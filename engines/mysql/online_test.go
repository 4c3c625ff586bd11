package mysql

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// algorithmOf names how a planned ALTER runs, as testdata/online/*/expect
// writes it: INSTANT and INPLACE for the clause named, REBUILD for INPLACE
// with a rewrites_table hazard, COPY for no clause with the hazards of a
// copy.
func algorithmOf(s *engines.Statement) string {
	has := func(k engines.HazardKind) bool {
		for _, h := range s.Hazards {
			if h.Kind == k {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasSuffix(s.SQL, "ALGORITHM=INSTANT"):
		return "INSTANT"
	case strings.HasSuffix(s.SQL, "ALGORITHM=INPLACE, LOCK=NONE") && has(engines.HazardRewritesTable):
		return "REBUILD"
	case strings.HasSuffix(s.SQL, "ALGORITHM=INPLACE, LOCK=NONE"):
		return "INPLACE"
	case !strings.Contains(s.SQL, "ALGORITHM=") && has(engines.HazardRewritesTable) && has(engines.HazardBlockingLock):
		return "COPY"
	}
	return "unexpected"
}

// TestOnlineAlgorithms plans each class of change of testdata/online on
// every server, checks the algorithm each ALTER names (the server would
// refuse a wrong one), applies the plan and plans again: nothing is left.
func TestOnlineAlgorithms(t *testing.T) {
	servers := testdb.MySQLServers(t)
	dirs, err := filepath.Glob("testdata/online/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	sort.Strings(dirs)
	for _, server := range servers {
		for _, dir := range dirs {
			t.Run(server.Name+"/"+filepath.Base(dir), func(t *testing.T) {
				t.Parallel()
				want := expectedAlgorithms(t, dir, server.Name)
				if want == "n/a" {
					t.Logf("%s: the case uses what %s does not have", dir, server.Name)
					return
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				read := func(name string) engines.File {
					b, err := os.ReadFile(filepath.Join(dir, name))
					if err != nil {
						t.Fatal(err)
					}
					return engines.File{Path: filepath.Join(dir, name), Text: string(b)}
				}
				from, to := read("from.sql"), read("to.sql")
				url := testdb.MySQL(t, server)
				loadScript(t, ctx, url, from.Path, from.Text)
				source := mustParse(t, ctx, to)
				p, err := New().Plan(ctx, mustInspect(t, ctx, url), source, engines.PlanOptions{TargetURL: url, AllowDrops: true})
				if err != nil {
					t.Fatalf("plan: %v", err)
				}
				script := engines.RenderSQL(p)
				var got []string
				for _, s := range p.Statements {
					if strings.HasPrefix(s.SQL, "ALTER TABLE `t`") {
						got = append(got, algorithmOf(s))
					}
				}
				if strings.Join(got, " ") != want {
					t.Errorf("algorithms: got %q, want %q\nplan:\n%s", strings.Join(got, " "), want, script)
				}
				if _, err := New().Apply(ctx, url, script, engines.ApplyOptions{}); err != nil {
					t.Fatalf("apply: %v\nplan:\n%s", err, script)
				}
				expectEmpty(t, ctx, "inspect(applied) vs parse(to)", mustInspect(t, ctx, url), source)
			})
		}
	}
}

// openDB opens a pool on a test database, closed when the test ends.
func openDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	dsn, err := DriverDSN(url)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// expectedAlgorithms reads "server: ALG ALG..." from a case's expect file;
// "n/a" marks a case the server's flavor cannot load.
func expectedAlgorithms(t *testing.T, dir, server string) string {
	b, err := os.ReadFile(filepath.Join(dir, "expect"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, server+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("%s/expect has no line for %s", dir, server)
	return ""
}

// TestOnlineWriteDuringAlter proves an ALTER planned with ALGORITHM=INPLACE,
// LOCK=NONE online: a write from another connection, made while the ALTER
// builds an index on 200,000 rows, completes while the ALTER still runs. A
// statement holding the table against writes would keep the insert
// waiting until its end.
func TestOnlineWriteDuringAlter(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			url := testdb.MySQL(t, server)
			loadScript(t, ctx, url, "setup", `
CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n int NOT NULL);
INSERT INTO big (v, n)
  SELECT concat(reverse(x.k), '-', repeat('v', 40)), x.k
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000)
        SELECT a.i * 1000 + b.i AS k FROM s a JOIN s b ON b.i <= 200) x;`)
			source := mustParse(t, ctx, engines.File{Path: "to.sql",
				Text: "CREATE TABLE big (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100) NOT NULL, n int NOT NULL, KEY kv (v));"})
			p, err := New().Plan(ctx, mustInspect(t, ctx, url), source, engines.PlanOptions{TargetURL: url})
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			script := engines.RenderSQL(p)
			if len(p.Statements) != 2 || !strings.HasSuffix(p.Statements[1].SQL, "ALGORITHM=INPLACE, LOCK=NONE") {
				t.Fatalf("want the lock wait SET and one ALTER with ALGORITHM=INPLACE, LOCK=NONE, got:\n%s", script)
			}

			db := openDB(t, url)
			// The ALTER is in its build phase, past the exclusive lock it
			// takes at its start: a write sent before would get in first
			// whatever the ALTER's lock mode.
			running := func() bool {
				var n int
				err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE%kv%' AND STATE = 'altering table'").Scan(&n)
				if err != nil {
					t.Fatalf("processlist: %v", err)
				}
				return n > 0
			}

			done := make(chan error, 1)
			go func() {
				_, err := New().Apply(ctx, url, script, engines.ApplyOptions{})
				done <- err
			}()
			for !running() {
				select {
				case err := <-done:
					t.Fatalf("the ALTER ended before it was seen running: %v", err)
				case <-time.After(2 * time.Millisecond):
				}
			}
			// A write waits at most this long for a lock; an ALTER that
			// kept writers out would make it fail or hold it to its end.
			if _, err := db.ExecContext(ctx, "INSERT INTO big (v, n) VALUES ('written during the ALTER', -1)"); err != nil {
				t.Fatalf("insert during the ALTER: %v", err)
			}
			if !running() {
				t.Errorf("the insert returned only after the ALTER had ended: the ALTER was not online")
			}
			if err := <-done; err != nil {
				t.Fatalf("apply: %v", err)
			}
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM big WHERE n = -1").Scan(&n); err != nil || n != 1 {
				t.Errorf("the row written during the ALTER: count %d, %v", n, err)
			}
			expectEmpty(t, ctx, "after the ALTER", mustInspect(t, ctx, url), source)
		})
	}
}

// TestAlterAlgorithmModel checks the flavor model where no server of the
// version is at hand: versions before a feature, TiDB, row version limits.
func TestAlterAlgorithmModel(t *testing.T) {
	tbl := &engines.Table{Name: "t", Options: map[string]string{}, Columns: []*engines.Column{{Name: "a", Type: "int"}}}
	col := &engines.Column{Name: "b", Type: "int"}
	tests := []struct {
		flavor string
		op     AlterOp
		want   Algorithm
	}{
		{"mysql-8.0.28", AlterOp{Kind: OpAddColumn, Table: tbl, Column: col, Last: true}, AlgorithmInstant},
		{"mysql-8.0.28", AlterOp{Kind: OpAddColumn, Table: tbl, Column: col}, AlgorithmRebuild},
		{"mysql-8.0.29", AlterOp{Kind: OpAddColumn, Table: tbl, Column: col}, AlgorithmInstant},
		{"mysql-8.0.28", AlterOp{Kind: OpDropColumn, Table: tbl, Column: tbl.Columns[0]}, AlgorithmRebuild},
		{"mysql-8.0.27", AlterOp{Kind: OpRenameColumn, Table: tbl, From: tbl.Columns[0], Column: col}, AlgorithmInplace},
		{"mysql-8.4.2", AlterOp{Kind: OpRenameColumn, Table: tbl, From: tbl.Columns[0], Column: col, Referenced: true}, AlgorithmInplace},
		{"mariadb-10.6.12", AlterOp{Kind: OpRenameColumn, Table: tbl, From: tbl.Columns[0], Column: col, Referenced: true}, AlgorithmInstant},
		{"mariadb-11.4.2", AlterOp{Kind: OpModifyColumn, Table: tbl, From: &engines.Column{Name: "e", Type: "enum('a','b')"}, Column: &engines.Column{Name: "e", Type: "enum('a','b','c')"}, Fields: []string{"type"}}, AlgorithmInstant},
		{"mysql-8.4.2", AlterOp{Kind: OpModifyColumn, Table: tbl, From: &engines.Column{Name: "e", Type: "enum('a','b')"}, Column: &engines.Column{Name: "e", Type: "enum('b','a','c')"}, Fields: []string{"type"}}, AlgorithmCopy},
		{"mysql-8.4.2", AlterOp{Kind: OpModifyColumn, Table: tbl, From: &engines.Column{Name: "v", Type: "varchar(63)", Charset: "utf8mb4", Collation: "utf8mb4_bin"}, Column: &engines.Column{Name: "v", Type: "varchar(64)", Charset: "utf8mb4", Collation: "utf8mb4_bin"}, Fields: []string{"type"}}, AlgorithmCopy},
		{"mysql-8.4.2", AlterOp{Kind: OpAddColumn, Table: &engines.Table{Name: "m", Options: map[string]string{"ENGINE": "MyISAM"}}, Column: col}, AlgorithmCopy},
		{"tidb-8.5.0", AlterOp{Kind: OpAddIndex, Table: tbl, Index: &engines.Index{Name: "i", Parts: []*engines.IndexPart{{Column: "a"}}}}, AlgorithmInplace},
	}
	for _, tt := range tests {
		f, err := ParseFlavor(tt.flavor, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := f.AlterAlgorithm(tt.op); got != tt.want {
			t.Errorf("%s %s: got %s, want %s", tt.flavor, tt.op.what(), got, tt.want)
		}
	}
	for v, want := range map[string]int{"mysql-8.0.28": 0, "mysql-8.0.29": 64, "mysql-9.0.1": 64, "mysql-9.1.0": 255, "mariadb-11.4.2": 0} {
		f, _ := ParseFlavor(v, "")
		if got := f.InstantRowVersions(); got != want {
			t.Errorf("%s: InstantRowVersions %d, want %d", v, got, want)
		}
	}
	if f, _ := ParseFlavor("tidb-8.5.0", ""); f.AlgorithmClauses() {
		t.Errorf("TiDB must not get ALGORITHM clauses")
	}
}

var algorithmRe = regexp.MustCompile(`ALGORITHM=\w+`)

// TestAlgorithmsOnlyForLiveTargets: files compared with files, and plans
// with online strategies off, name no algorithm.
func TestAlgorithmsOnlyForLiveTargets(t *testing.T) {
	ctx := context.Background()
	from := mustParse(t, ctx, engines.File{Path: "a.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, a int);"})
	to := mustParse(t, ctx, engines.File{Path: "b.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY kb (b));"})
	p, err := New().Plan(ctx, from, to, engines.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s := engines.RenderSQL(p); algorithmRe.MatchString(s) || p.Empty() {
		t.Errorf("file to file plan names an algorithm (or is empty):\n%s", s)
	}
	live := mustParse(t, ctx, engines.File{Path: "a.sql", Text: "CREATE TABLE t (id int PRIMARY KEY, a int);"})
	live.Schemas[0].Options = map[string]string{"flavor": "mariadb-10.11.6", "charset": "utf8mb4", "collation": "utf8mb4_general_ci"}
	on, _ := New().Plan(ctx, live, to, engines.PlanOptions{})
	off, _ := New().Plan(ctx, live, to, engines.PlanOptions{Online: engines.OnlineOptions{Off: true}})
	if s := engines.RenderSQL(on); !strings.Contains(s, "ALGORITHM=INSTANT") || !strings.Contains(s, "ALGORITHM=INPLACE, LOCK=NONE") {
		t.Errorf("live MariaDB target: want INSTANT and INPLACE statements, got:\n%s", s)
	}
	if s := engines.RenderSQL(off); algorithmRe.MatchString(s) {
		t.Errorf("online off: want no ALGORITHM clause, got:\n%s", s)
	}
}

// TestInstantRowVersions: MySQL counts instant column changes per table
// and refuses ALGORITHM=INSTANT past its limit. Plans read the count from
// the target (checked live), and a table without one left gets its column
// added in place, a table whose count is unknown gets no clause (checked
// on the model: using up 255 versions takes half a minute here).
func TestInstantRowVersions(t *testing.T) {
	for _, server := range testdb.MySQLServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			url := testdb.MySQL(t, server)
			loadScript(t, ctx, url, "setup", "CREATE TABLE used (id int PRIMARY KEY); CREATE TABLE fresh (id int PRIMARY KEY);")
			flavor, _ := recordedFlavor(mustInspect(t, ctx, url))
			if flavor.InstantRowVersions() == 0 {
				if flavor.MariaDB {
					return // nothing to count
				}
				t.Fatalf("%s: want a row version limit", flavor)
			}
			if err := testdb.ExecMySQL(ctx, url, "ALTER TABLE used ADD COLUMN x int, ALGORITHM=INSTANT",
				"ALTER TABLE used DROP COLUMN x, ALGORITHM=INSTANT"); err != nil {
				t.Fatal(err)
			}
			got, err := readRowVersions(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			if got["used"] != 2 || got["fresh"] != 0 || len(got) != 2 {
				t.Errorf("row versions: got %v, want used 2, fresh 0", got)
			}
		})
	}

	f, _ := ParseFlavor("mysql-9.7.0", "")
	tbl := &engines.Table{Name: "t", Options: map[string]string{}, Columns: []*engines.Column{{Name: "id", Type: "int"}}}
	add := cl("ADD COLUMN `y` int").with(AlterOp{Kind: OpAddColumn, Table: tbl, Column: &engines.Column{Name: "y", Type: "int"}, Last: true})
	for _, tt := range []struct {
		table string
		want  string
	}{{"full", "REBUILD"}, {"fresh", "INSTANT"}, {"unknown", "unsure"}} {
		d := &differ{flavor: f, algorithms: true, rowVersionsRead: true, tableWas: map[string]string{},
			rowVersions: map[string]int{"full": 255, "fresh": 254}}
		s := d.alterStatements(tt.table, []clause{add})
		got := algorithmOf(s[0])
		if got == "unexpected" && !strings.Contains(s[0].SQL, "ALGORITHM") && len(s[0].Hazards) == 1 && strings.Contains(s[0].Hazards[0].Message, "row versions") {
			got = "unsure"
		}
		if len(s) != 1 || got != tt.want {
			t.Errorf("table %s: got %s, want %s:\n%s %v", tt.table, got, tt.want, s[0].SQL, s[0].Hazards)
		}
		if tt.table == "fresh" && d.rowVersions["fresh"] != 255 {
			t.Errorf("the instant change is not counted: %v", d.rowVersions)
		}
	}
}
