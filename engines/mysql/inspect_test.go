package mysql

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/internal/sqlsplit"
	"github.com/schemasync/schemasync/internal/testdb"
)

// loadGenerated loads a benchgen.MySQL script of the given size, plus one
// view, so that every size has views and triggers to read (on TiDB, which
// has neither triggers nor routines, without those).
func loadGenerated(tb testing.TB, ctx context.Context, server testdb.MySQLServer, url string, tables int) {
	tb.Helper()
	script := benchgen.MySQL(tables, 1) + "CREATE VIEW extra_view (one) AS SELECT id FROM t00001;\n"
	if server.Name == "tidb" {
		script = withoutKinds(tb, script, "TRIGGER", "FUNCTION", "PROCEDURE", "EVENT")
	}
	loadScriptTB(tb, ctx, url, fmt.Sprintf("benchgen.MySQL(%d)", tables), script)
}

// withoutKinds drops the statements that create objects of these kinds.
func withoutKinds(tb testing.TB, script string, kinds ...string) string {
	tb.Helper()
	pieces, err := sqlsplit.MySQL(script)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, p := range pieces {
		keep := true
		for _, k := range kinds {
			if kindOf(p.Text) == k {
				keep = false
			}
		}
		if keep {
			b.WriteString(p.Text + ";\n")
		}
	}
	return b.String()
}

// loadScriptTB is loadScript for benchmarks too.
func loadScriptTB(tb testing.TB, ctx context.Context, url, name, text string) {
	tb.Helper()
	pieces, err := sqlsplit.MySQL(text)
	if err != nil {
		tb.Fatalf("split %s: %v", name, err)
	}
	stmts := make([]string, len(pieces))
	for i, p := range pieces {
		stmts[i] = p.Text
	}
	if err := testdb.ExecMySQL(ctx, url, stmts...); err != nil {
		tb.Fatalf("load %s: %v", name, err)
	}
}

// TestInspectQueriesDoNotGrow checks the set-based inspection invariant:
// a database of 200 tables is read with exactly as many statements as one
// of 10 (both with views, triggers, checks, foreign keys and routines).
func TestInspectQueriesDoNotGrow(t *testing.T) {
	for _, server := range testdb.MySQLFamilyServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			counts := map[int]int{}
			for _, tables := range []int{10, 200} {
				url := serverURL(t, server)
				loadGenerated(t, ctx, server, url, tables)
				db, n, err := inspectCounted(ctx, url, engineFor(server))
				if err != nil {
					t.Fatalf("inspect %d tables: %v", tables, err)
				}
				if got := len(schemaOf(db).Tables); got != tables {
					t.Fatalf("inspected %d tables, want %d", got, tables)
				}
				if got, want := len(schemaOf(db).Views), 1+tables/100; got != want {
					t.Fatalf("inspected %d views, want %d", got, want)
				}
				counts[tables] = n
			}
			if counts[10] != counts[200] {
				t.Errorf("inspect sent %d statements for 10 tables and %d for 200: it must not grow with the tables", counts[10], counts[200])
			}
			t.Logf("%d statements for 10 and for 200 tables", counts[10])
		})
	}
}

// TestGeneratedSchemaRoundTrip checks the benchmark schema itself: dump,
// parse and plan back to nothing.
func TestGeneratedSchemaRoundTrip(t *testing.T) {
	for _, server := range testdb.MySQLFamilyServers(t) {
		t.Run(server.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			url := serverURL(t, server)
			loadGenerated(t, ctx, server, url, 120)
			db := mustInspect(t, ctx, url)
			eng := engineFor(server)
			files, err := eng.Dump(db)
			if err != nil {
				t.Fatal(err)
			}
			expectEmpty(t, ctx, "inspect vs parse(dump)", db, mustParseFor(t, ctx, eng, files...))
		})
	}
}

// BenchmarkInspect5000 inspects a generated 5,000-table database and runs
// the server's mysqldump --no-data on the same database for comparison. The
// schema is loaded once per server, by the parent benchmark.
//
//	go test ./engines/mysql/ -run '^$' -bench Inspect5000 -benchtime 3x
func BenchmarkInspect5000(b *testing.B) {
	const tables = 5000
	for _, server := range testdb.MySQLServers(b) {
		b.Run(server.Name, func(b *testing.B) {
			ctx := context.Background()
			url := testdb.MySQL(b, server)
			start := time.Now()
			script := benchgen.MySQL(tables, 1)
			if server.Name == "tidb" {
				script = withoutKinds(b, script, "TRIGGER", "FUNCTION", "PROCEDURE", "EVENT")
			}
			loadScriptTB(b, ctx, url, "benchgen.MySQL(5000)", script)
			b.Logf("loaded %d tables in %v", tables, time.Since(start).Round(time.Millisecond))

			b.Run("inspect", func(b *testing.B) {
				queries := 0
				for i := 0; i < b.N; i++ {
					db, n, err := inspectCounted(ctx, url, engineFor(server))
					if err != nil {
						b.Fatal(err)
					}
					if got := len(schemaOf(db).Tables); got != tables {
						b.Fatalf("inspected %d tables, want %d", got, tables)
					}
					queries = n
				}
				b.ReportMetric(float64(queries), "queries/op")
			})

			b.Run("mysqldump", func(b *testing.B) {
				args, err := mysqldumpArgs(server, url)
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < b.N; i++ {
					if out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput(); err != nil {
						b.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
					}
				}
			})
		})
	}
}

// mysqldumpArgs is the command line of the server's own mysqldump:
// MariaDB's from the system, Oracle MySQL's through scripts/mysql-server.sh.
func mysqldumpArgs(server testdb.MySQLServer, url string) ([]string, error) {
	cfg, err := gomysql.ParseDSN(server.AdminDSN)
	if err != nil {
		return nil, err
	}
	host, port, _ := strings.Cut(cfg.Addr, ":")
	database := url[strings.LastIndexByte(url, '/')+1:]
	common := []string{"--no-data", "--routines", "--triggers", "--events", "-h" + host, "-P" + port, "-u" + cfg.User}
	if cfg.Passwd != "" {
		common = append(common, "-p"+cfg.Passwd)
	}
	common = append(common, database)
	if server.Name == "mysql" {
		return append([]string{"../../scripts/mysql-server.sh", "exec", "mysqldump"}, common...), nil
	}
	for _, tool := range []string{"mariadb-dump", "mysqldump"} {
		if p, err := exec.LookPath(tool); err == nil {
			return append([]string{p}, common...), nil
		}
	}
	return nil, fmt.Errorf("neither mariadb-dump nor mysqldump is installed")
}
