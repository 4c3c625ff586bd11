package conformance

import (
	"context"
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/testdb"
)

// tablesEngine is a toy engine that knows only table names, so the runner
// can be tested against a real server without the PostgreSQL engine. Its
// Apply has a planted bug: it skips DROP statements, which the convergence
// check must catch.
type tablesEngine struct{}

func (tablesEngine) Name() string      { return "postgres" }
func (tablesEngine) Schemes() []string { return []string{"postgres"} }
func (tablesEngine) Dump(*engines.Database) ([]engines.File, error) {
	return nil, errors.New("not supported")
}

var createTable = regexp.MustCompile(`(?i)create table\s+(?:(\w+)\.)?(\w+)`)

func (tablesEngine) Parse(_ context.Context, files []engines.File, _ engines.ParseOptions) (*engines.Database, error) {
	db := &engines.Database{Engine: "postgres"}
	for _, f := range files {
		for _, m := range createTable.FindAllStringSubmatch(f.Text, -1) {
			schema := m[1]
			if schema == "" {
				schema = "public"
			}
			if m[2] == "refused" {
				return nil, errors.New(f.Path + ": table refused is not supported")
			}
			s := db.EnsureSchema(schema)
			s.Tables = append(s.Tables, &engines.Table{Schema: schema, Name: m[2]})
		}
	}
	return db, nil
}

func (tablesEngine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_schema, table_name FROM information_schema.tables
		WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`)
	if err != nil {
		return nil, err
	}
	db := &engines.Database{Engine: "postgres"}
	for rows.Next() {
		var schema, name string
		if err := rows.Scan(&schema, &name); err != nil {
			return nil, err
		}
		s := db.EnsureSchema(schema)
		s.Tables = append(s.Tables, &engines.Table{Schema: schema, Name: name})
	}
	return db, rows.Err()
}

func tableSet(db *engines.Database) map[string]bool {
	set := map[string]bool{}
	for _, s := range db.Schemas {
		for _, t := range s.Tables {
			set[s.Name+"."+t.Name] = true
		}
	}
	return set
}

func (tablesEngine) Plan(_ context.Context, target, source *engines.Database, _ engines.PlanOptions) (*engines.Plan, error) {
	have, want := tableSet(target), tableSet(source)
	var stmts []string
	for t := range want {
		if !have[t] {
			stmts = append(stmts, "CREATE TABLE "+t+" ()")
		}
	}
	for t := range have {
		if !want[t] {
			stmts = append(stmts, "DROP TABLE "+t)
		}
	}
	sort.Strings(stmts)
	p := &engines.Plan{Engine: "postgres"}
	for _, s := range stmts {
		p.Statements = append(p.Statements, &engines.Statement{SQL: s})
	}
	return p, nil
}

func (tablesEngine) Apply(ctx context.Context, url, script string, _ engines.ApplyOptions) (*engines.ApplyResult, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	res := &engines.ApplyResult{}
	for _, s := range strings.Split(script, ";\n") {
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "DROP") {
			continue
		}
		if _, err := conn.Exec(ctx, s); err != nil {
			return res, err
		}
		res.Executed++
	}
	return res, nil
}

func adminURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv(testdb.PostgresEnv)
	if u == "" {
		t.Fatalf("%s is not set: this test needs a PostgreSQL server", testdb.PostgresEnv)
	}
	return u
}

func TestRunOnMiniCorpus(t *testing.T) {
	admin := adminURL(t)
	ctx := context.Background()
	t.Cleanup(func() { dropRoles(t, admin, "ss_cf_reader", `ss_cf "odd" role`) })

	b := &recordingBackend{Postgres: NewPostgres(admin, tablesEngine{})}
	rep, err := Run(ctx, b, Options{Corpus: "testdata/corpus", Parallel: 3, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, rep, map[string]wantResult{
		"postgres/mini/add_table":    {StatusPass, ""},
		"postgres/mini/old_enough":   {StatusPass, ""},
		"postgres/mini/no_meta":      {StatusPass, ""},
		"postgres/mini/roles":        {StatusPass, ""}, // to.sql grants to the roles: they were created
		"postgres/mini/drop_table":   {StatusFail, "not converged: 1 statements remain: DROP TABLE public.b"},
		"postgres/mini/noload":       {StatusNoLoad, "from.sql: "},
		"postgres/mini/too_new":      {StatusSkip, "needs server version >= 99.1"},
		"postgres/mini/missing_ext":  {StatusSkip, "extension no_such_ext not available"},
		"postgres/mini/other_flavor": {StatusSkip, "flavor pgvector"},
		"postgres/mini/offline":      {StatusSkip, "offline-only"},
		"postgres/mini/refused":      {StatusExpectedError, "we refused too: parse: to.sql: table refused"},
	})
	var out strings.Builder
	if err := WriteText(&out, rep, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\n4 passed, 1 failed\n") {
		t.Errorf("summary does not end with the counts:\n%s", out.String())
	}

	// Every throwaway database is gone.
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var left int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = ANY($1)", b.created).Scan(&left); err != nil {
		t.Fatal(err)
	}
	// Two per case run, but one for noload: its from.sql fails before
	// to.sql's database is made.
	if len(b.created) != 2*7-1 || left != 0 {
		t.Errorf("%d databases handed out (want 13: two per case run, one for noload), %d left behind", len(b.created), left)
	}
}

// wantResult is the expected outcome of one case.
type wantResult struct {
	status Status
	reason string // prefix
}

// checkResults compares a run's results with want, case by case.
func checkResults(t *testing.T, rep *Report, want map[string]wantResult) {
	t.Helper()
	if len(rep.Results) != len(want) {
		t.Errorf("%d results, want %d", len(rep.Results), len(want))
	}
	for _, r := range rep.Results {
		w, ok := want[r.Case]
		if !ok {
			t.Errorf("unexpected case %s", r.Case)
			continue
		}
		if r.Status != w.status || !strings.HasPrefix(r.Reason, w.reason) {
			t.Errorf("%s: %s %q, want %s %q…\n%s", r.Case, r.Status, r.Reason, w.status, w.reason, r.Detail)
		}
	}
}

// recordingBackend remembers the databases it creates.
type recordingBackend struct {
	*Postgres
	mu      sync.Mutex
	created []string
}

func (r *recordingBackend) CreateDatabase(ctx context.Context, m *Meta) (string, func(context.Context) error, error) {
	u, drop, err := r.Postgres.CreateDatabase(ctx, m)
	if err == nil {
		r.mu.Lock()
		r.created = append(r.created, u[strings.LastIndex(u, "/")+1:strings.Index(u+"?", "?")])
		r.mu.Unlock()
	}
	return u, drop, err
}

func TestRunSelectsWithRunRegexp(t *testing.T) {
	admin := adminURL(t)
	rep, err := Run(context.Background(), NewPostgres(admin, tablesEngine{}),
		Options{Corpus: "testdata/corpus", Run: regexp.MustCompile(`/(add|drop)_table$`)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Results {
		got = append(got, r.Case+"="+string(r.Status))
	}
	if strings.Join(got, " ") != "postgres/mini/add_table=pass postgres/mini/drop_table=fail" {
		t.Errorf("results = %v", got)
	}
	if _, err := Run(context.Background(), NewPostgres(admin, tablesEngine{}), Options{Corpus: "testdata/nowhere"}); err == nil {
		t.Error("a missing corpus is not an error")
	}
}

func TestPostgresConnectAsRole(t *testing.T) {
	admin := adminURL(t)
	ctx := context.Background()
	b := NewPostgres(admin, tablesEngine{})
	const role = "ss_cf_owner"
	t.Cleanup(func() { dropRoles(t, admin, role) })
	// drop() hands the database back to b's pool of reusable ones; Close
	// drops them (without it each run left one behind).
	t.Cleanup(func() {
		if err := b.Close(context.Background()); err != nil {
			t.Error(err)
		}
	})
	if err := b.EnsureRoles(ctx, []string{role, role}); err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureRoles(ctx, []string{role}); err != nil {
		t.Fatalf("second EnsureRoles: %v", err)
	}
	dbURL, drop, err := b.CreateDatabase(ctx, &Meta{Requires: Requires{ConnectAsRole: role}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := drop(ctx); err != nil {
			t.Error(err)
		}
	}()
	if err := b.Load(ctx, dbURL, "from.sql", "CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n"); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var user, schema, owner string
	err = conn.QueryRow(ctx, `SELECT current_user, n.nspname, pg_get_userbyid(c.relowner)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 't'`).Scan(&user, &schema, &owner)
	if err != nil {
		t.Fatal(err)
	}
	if user != role || schema != roleSchema || owner != role {
		t.Errorf("session user %s, table in schema %s owned by %s; want %s, %s, %s", user, schema, owner, role, roleSchema, role)
	}

	err = b.Load(ctx, dbURL, "to.sql", "CREATE TABLE u ();\n\nCREATE TABLE t ();\n")
	var se *engines.StatementError
	if !errors.As(err, &se) || se.File != "to.sql" || se.Line != 3 {
		t.Errorf("load error = %v, want a statement error at to.sql:3", err)
	}
}

func dropRoles(t *testing.T, admin string, roles ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close(ctx)
	for _, r := range roles {
		if _, err := conn.Exec(ctx, "DROP ROLE IF EXISTS "+quoteIdent(r)); err != nil {
			t.Errorf("drop role %s: %v", r, err)
		}
	}
}

func TestPostgresReusesOnlyPristineDatabases(t *testing.T) {
	admin := adminURL(t)
	ctx := context.Background()
	b := NewPostgres(admin, tablesEngine{})
	defer func() {
		if err := b.Close(ctx); err != nil {
			t.Error(err)
		}
	}()
	const role = "ss_cf_reuse"
	t.Cleanup(func() { dropRoles(t, admin, role) })
	if err := b.EnsureRoles(ctx, []string{role}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		meta   Meta
		script string
		reused bool
	}{
		{"untouched", Meta{}, "", true},
		{"objects of every common kind", Meta{Requires: Requires{ConnectAsRole: role}}, `
			CREATE TABLE foo.t (id int);
			CREATE SCHEMA s;
			CREATE TYPE s.mood AS ENUM ('a');
			CREATE TABLE public.u (id serial PRIMARY KEY, m s.mood);
			CREATE VIEW public.v AS SELECT id FROM public.u;
			CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
			CREATE EXTENSION pgcrypto;
			CREATE EXTENSION hstore SCHEMA s;
			GRANT SELECT ON public.u TO ` + role + `;
			COMMENT ON SCHEMA public IS 'changed';
			REVOKE ALL ON SCHEMA public FROM PUBLIC;
			CREATE FUNCTION public.evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
			CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION public.evt();
			CREATE CAST (s.mood AS int) WITH INOUT;
			SELECT lo_create(0);`, true},
		{"privileges on a built-in function", Meta{}, "GRANT EXECUTE ON FUNCTION pg_catalog.pg_sleep(float8) TO " + role, false},
		{"default privileges", Meta{}, "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO " + role, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbURL, release, err := b.CreateDatabase(ctx, &tt.meta)
			if err != nil {
				t.Fatal(err)
			}
			if tt.script != "" {
				// Run as the admin, whatever role the database sets.
				if err := b.Load(ctx, dbURL, "x.sql", "SET ROLE NONE;\n"+tt.script); err != nil {
					t.Fatal(err)
				}
			}
			if err := release(ctx); err != nil {
				t.Fatal(err)
			}
			b.mu.Lock()
			reused := len(b.idle) == 1 && b.idle[0].url == dbURL
			b.mu.Unlock()
			if reused != tt.reused {
				t.Errorf("reused = %v, want %v", reused, tt.reused)
			}
			if !reused {
				return
			}
			// The reused database reads exactly like a fresh one.
			again, release2, err := b.CreateDatabase(ctx, &Meta{})
			if err != nil {
				t.Fatal(err)
			}
			defer release2(ctx)
			if again != dbURL {
				t.Errorf("got %s, want the idle database %s", again, dbURL)
			}
			got, err := tablesEngine{}.Inspect(ctx, again)
			if err != nil {
				t.Fatal(err)
			}
			if len(tableSet(got)) != 0 {
				t.Errorf("reused database still has tables %v", tableSet(got))
			}
		})
	}
}
