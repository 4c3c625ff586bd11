package mysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dumptool"
	"github.com/schemasync/schemasync/internal/sqlsplit"
	"github.com/schemasync/schemasync/internal/testdb"
)

// loadScript runs a schema file on a database, statement by statement.
func loadScript(t *testing.T, ctx context.Context, url, path, text string) {
	t.Helper()
	pieces, err := sqlsplit.MySQL(text)
	if err != nil {
		t.Fatalf("split %s: %v", path, err)
	}
	var stmts []string
	for _, p := range pieces {
		stmts = append(stmts, p.Text)
	}
	if err := testdb.ExecMySQL(ctx, url, stmts...); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
}

// engineForURL is the engine a test database URL belongs to: tidb:// URLs
// (see serverURL) are TiDB's.
func engineForURL(url string) *Engine {
	if strings.HasPrefix(url, "tidb://") {
		return NewTiDB()
	}
	return New()
}

// engineFor is the engine of a test server.
func engineFor(server testdb.MySQLServer) *Engine {
	if server.Name == "tidb" {
		return NewTiDB()
	}
	return New()
}

// serverURL creates a fresh database on the server and returns its URL in
// the scheme of the server's engine (tidb:// on TiDB).
func serverURL(tb testing.TB, server testdb.MySQLServer) string {
	tb.Helper()
	u := testdb.MySQL(tb, server)
	if server.Name == "tidb" {
		u = "tidb" + strings.TrimPrefix(u, "mysql")
	}
	return u
}

func mustInspect(t *testing.T, ctx context.Context, url string) *engines.Database {
	t.Helper()
	db, err := engineForURL(url).Inspect(ctx, url)
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return db
}

func mustParse(t *testing.T, ctx context.Context, files ...engines.File) *engines.Database {
	t.Helper()
	return mustParseFor(t, ctx, New(), files...)
}

// mustParseFor parses files with an engine (TiDB's refuses what TiDB lacks).
func mustParseFor(t *testing.T, ctx context.Context, eng *Engine, files ...engines.File) *engines.Database {
	t.Helper()
	db, err := eng.Parse(ctx, files, engines.ParseOptions{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return db
}

// expectEmpty fails when planning from target to source changes anything.
func expectEmpty(t *testing.T, ctx context.Context, what string, target, source *engines.Database) {
	t.Helper()
	p, err := New().Plan(ctx, target, source, engines.PlanOptions{})
	if err != nil {
		t.Fatalf("%s: plan: %v", what, err)
	}
	if !p.Empty() {
		t.Errorf("%s: want an empty plan, got:\n%s", what, engines.RenderSQL(p))
		for _, c := range p.Changes {
			from, _ := json.Marshal(c.From)
			to, _ := json.Marshal(c.To)
			t.Logf("  %s %s %v\n    from %s\n    to   %s", c.Op, c.Object(), c.Fields, from, to)
		}
	}
}

// modelJSON prints a model without the context only inspect records.
func modelJSON(db *engines.Database) string {
	cp := *db
	var schemas []*engines.Schema
	for _, s := range db.Schemas {
		c := *s
		c.Options = nil
		schemas = append(schemas, &c)
	}
	cp.Schemas = schemas
	b, _ := json.MarshalIndent(&cp, "", " ")
	return string(b)
}

func TestConvergence(t *testing.T) {
	servers := testdb.MySQLFamilyServers(t)
	dirs, err := filepath.Glob("testdata/convergence/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	sort.Strings(dirs)
	for _, server := range servers {
		if server.Name == "tidb" {
			// The corpus proves CHECK constraints on TiDB too; TestTiDBChecksOff
			// covers the server's default, which ignores them.
			setTiDBChecks(t, server, "ON")
		}
		for _, dir := range dirs {
			name := filepath.Base(dir)
			if !caseRunsOn(t, dir, server.Name) {
				continue
			}
			t.Run(server.Name+"/"+name, func(t *testing.T) {
				t.Parallel()
				convergeCase(t, server, dir)
			})
		}
	}
}

// caseRunsOn reads a case's optional "servers" file, which names the only
// servers (mariadb, mysql, tidb) whose syntax the case uses, such as
// MariaDB's IGNORED indexes, MySQL's functional indexes or TiDB's
// AUTO_RANDOM. Lines starting with # say why.
func caseRunsOn(t *testing.T, dir, server string) bool {
	return caseListsServer(t, dir, "servers", server, true)
}

// caseListsServer reads a case's optional file of server names (see
// caseRunsOn; "dumps" names the servers whose own dumps of the two sides
// must match, see expectSameDumps) and says whether it names server, or
// missing when there is no such file.
func caseListsServer(t *testing.T, dir, file, server string, missing bool) bool {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if os.IsNotExist(err) {
		return missing
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, s := range strings.Fields(line) {
			if s == server {
				return true
			}
		}
	}
	return false
}

func convergeCase(t *testing.T, server testdb.MySQLServer, dir string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	read := func(name string) engines.File {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return engines.File{Path: filepath.Join(dir, name), Text: string(b)}
	}
	from, to := read("from.sql"), read("to.sql")
	a, b := serverURL(t, server), serverURL(t, server)
	loadScript(t, ctx, a, from.Path, from.Text)
	loadScript(t, ctx, b, to.Path, to.Text)
	eng := engineFor(server)

	// The files read as the server stores them.
	expectEmpty(t, ctx, "inspect(from) vs parse(from)", mustInspect(t, ctx, a), mustParseFor(t, ctx, eng, from))
	toModel := mustParseFor(t, ctx, eng, to)
	bModel := mustInspect(t, ctx, b)
	expectEmpty(t, ctx, "inspect(to) vs parse(to)", bModel, toModel)

	// Plan, render, apply.
	p, err := eng.Plan(ctx, mustInspect(t, ctx, a), toModel, engines.PlanOptions{TargetURL: a, AllowDrops: true})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	script := engines.RenderSQL(p)
	p2, _ := eng.Plan(ctx, mustInspect(t, ctx, a), toModel, engines.PlanOptions{TargetURL: a, AllowDrops: true})
	if engines.RenderSQL(p2) != script {
		t.Errorf("plan is not deterministic")
	}
	if p.Empty() {
		t.Errorf("plan from from.sql to to.sql is empty: the case tests nothing")
	}
	rows := loadData(t, ctx, dir, a)
	if _, err := eng.Apply(ctx, a, script, engines.ApplyOptions{}); err != nil {
		t.Fatalf("apply: %v\nplan:\n%s", err, script)
	}
	for table, n := range rows {
		if got := countRows(t, ctx, a, table); got != n {
			t.Errorf("table %s has %d rows after the apply, had %d: the plan lost data\nplan:\n%s", table, got, n, script)
		}
	}
	after := mustInspect(t, ctx, a)
	expectEmpty(t, ctx, "inspect(applied) vs inspect(to)", after, bModel)
	expectEmpty(t, ctx, "inspect(applied) vs parse(to)", after, toModel)
	if caseListsServer(t, dir, "dumps", server.Name, false) {
		expectSameDumps(t, ctx, server, a, b)
	}
	if t.Failed() || os.Getenv("SS_DEBUG") != "" {
		t.Logf("plan:\n%s", script)
	}

	// Dump round trip and determinism.
	files, err := eng.Dump(after)
	if err != nil {
		t.Fatalf("dump: %v", err)
	}
	again, _ := eng.Dump(mustInspect(t, ctx, a))
	if !sameFiles(files, again) {
		t.Errorf("dump is not deterministic")
	}
	if os.Getenv("SS_DEBUG") != "" {
		for _, f := range files {
			t.Logf("-- %s\n%s", f.Path, f.Text)
		}
	}
	round := mustParseFor(t, ctx, eng, files...)
	expectEmpty(t, ctx, "inspect vs parse(dump)", after, round)
	if got, want := modelJSON(round), modelJSON(after); got != want {
		t.Errorf("parse(dump(inspect)) differs from inspect:\n%s", lineDiff(want, got))
	}
}

// expectSameDumps compares the server's own dumps (mariadb-dump, Oracle
// MySQL's mysqldump) of the applied database and of to.sql's: a judge that
// shares nothing with the inspector, so that what the inspector does not
// read (a display width, a table option) still shows. TiDB has no such
// dumper here.
func expectSameDumps(t *testing.T, ctx context.Context, server testdb.MySQLServer, a, b string) {
	t.Helper()
	if server.Name == "tidb" {
		return
	}
	root := ""
	if server.Name == "mysql" {
		var err error
		if root, err = dumptool.ModuleRoot(); err != nil {
			t.Fatal(err)
		}
	}
	dump := func(u string) []string {
		tg, err := parseURL(u)
		if err != nil {
			t.Fatal(err)
		}
		cmd, _, err := dumptool.MySQLDump(ctx, server.Name, tg.cfg, tg.database, root, "")
		if err != nil {
			t.Fatal(err)
		}
		out, err := dumptool.Output(cmd)
		if err != nil {
			t.Fatal(err)
		}
		return dumptool.Canonical("mysql", out, tg.database)
	}
	da, db := dump(a), dump(b)
	if len(db) == 0 {
		t.Fatalf("the dump of to.sql's database holds nothing")
	}
	if d := dumptool.Differences(da, db); len(d) > 0 {
		t.Errorf("the server's dumps of the applied database (-) and of to.sql's (+) differ:\n%s", strings.Join(d, "\n"))
	}
}

// insertIntoRe finds the tables a data.sql file fills.
var insertIntoRe = regexp.MustCompile("(?i)^INSERT INTO `?(\\w+)`?")

// loadData runs a case's optional data.sql on the from database, for
// cases whose plan must keep rows (TiDB table rebuilds), and returns the
// row count of every table it fills.
func loadData(t *testing.T, ctx context.Context, dir, url string) map[string]int {
	t.Helper()
	path := filepath.Join(dir, "data.sql")
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	loadScript(t, ctx, url, path, string(b))
	rows := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := insertIntoRe.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			rows[m[1]] = countRows(t, ctx, url, m[1])
		}
	}
	return rows
}

// countRows counts a table's rows.
func countRows(t *testing.T, ctx context.Context, url, table string) int {
	t.Helper()
	dsn, err := DriverDSN("mysql" + url[strings.Index(url, "://"):])
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(table)).Scan(&n); err != nil {
		t.Fatalf("count rows of %s: %v", table, err)
	}
	return n
}

// setTiDBChecks sets tidb_enable_check_constraint, a global setting, for
// the rest of the test and puts the old value back after it (after all its
// parallel subtests). Tests that depend on it are not parallel to each
// other: top-level tests of a package run one after the other.
func setTiDBChecks(t *testing.T, server testdb.MySQLServer, value string) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("mysql", server.AdminDSN)
	if err != nil {
		t.Fatal(err)
	}
	var old string
	if err := db.QueryRowContext(ctx, "SELECT @@global.tidb_enable_check_constraint").Scan(&old); err != nil {
		db.Close()
		t.Fatalf("read tidb_enable_check_constraint: %v", err)
	}
	if _, err := db.ExecContext(ctx, "SET GLOBAL tidb_enable_check_constraint = "+value); err != nil {
		db.Close()
		t.Fatalf("set tidb_enable_check_constraint: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "SET GLOBAL tidb_enable_check_constraint = "+onOff(old)); err != nil {
			t.Errorf("restore tidb_enable_check_constraint: %v", err)
		}
	})
}

func sameFiles(a, b []engines.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// lineDiff shows the lines that differ between two texts.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			out = append(out, "- "+w, "+ "+g)
		}
		if len(out) > 20 {
			break
		}
	}
	return strings.Join(out, "\n")
}
