package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/internal/testdb"
)

// TestDenyHazardsCLI: policy.deny_hazards and --deny-hazards refuse a kind
// apply allows by default (the online index build's index_build and
// not_transactional), and no --allow-hazards, not even all, lets it
// through; without the deny the same plan applies.
func TestDenyHazardsCLI(t *testing.T) {
	root := t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	const config = `engine: postgres
schema_dir: schema
plan_dir: plans
targets:
  - name: a
    url_env: SS_DENY_A
`
	writeRepoFile(t, root, "schemasync.yaml", config+"policy:\n  deny_hazards: [index_build]\n")
	writeRepoFile(t, root, "schema/t.sql", "CREATE TABLE t (id integer PRIMARY KEY, a integer);\nCREATE INDEX t_a_idx ON t (a);\n")
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Commit("t with an index", &git.CommitOptions{Author: &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}
	url := testdb.Postgres(t)
	t.Setenv("SS_DENY_A", url)
	if err := testdb.ExecPostgres(context.Background(), url, "CREATE TABLE t (id integer PRIMARY KEY, a integer); INSERT INTO t VALUES (1, 1);"); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(root, "schemasync.yaml")
	plans := filepath.Join(root, "plans")

	code, out, errs := cli(t, "plan", "--config", cfg, "--format", "markdown")
	if code != 2 || !strings.Contains(out, "| `index_build` |") || !strings.Contains(out, "| **denied** |") ||
		!strings.Contains(out, "index_build denied by policy.deny_hazards or --deny-hazards") {
		t.Fatalf("plan: exit %d\n%s%s", code, out, errs)
	}
	indexed := func() bool {
		t.Helper()
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var n int
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_indexes WHERE indexname = 't_a_idx'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	for _, extra := range [][]string{nil, {"--allow-hazards", "all"}, {"--allow-hazards", "index_build", "--allow-destructive"}} {
		args := append([]string{"apply", "--config", cfg, "--plan", plans, "-q"}, extra...)
		code, out, errs = cli(t, args...)
		if code != 1 || !strings.Contains(errs, "index_build denied by policy.deny_hazards or --deny-hazards") ||
			!strings.Contains(errs, "(index_build, denied)") || !strings.Contains(errs, "CREATE INDEX CONCURRENTLY t_a_idx") {
			t.Fatalf("apply %v: want the denied build refused, exit %d\n%s%s", extra, code, out, errs)
		}
		if indexed() {
			t.Fatalf("apply %v built the denied index", extra)
		}
	}

	// The deny from the command line, with a config that denies nothing.
	writeRepoFile(t, root, "schemasync.yaml", config)
	code, out, errs = cli(t, "apply", "--config", cfg, "--plan", plans, "-q", "--deny-hazards", "not_transactional", "--allow-hazards", "all")
	if code != 1 || !strings.Contains(errs, "not_transactional denied") {
		t.Fatalf("apply --deny-hazards: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := cli(t, "apply", "--config", cfg, "--plan", plans, "--deny-hazards", "index-build"); code != 1 || !strings.Contains(errs, `--deny-hazards: unknown hazard kind "index-build"`) {
		t.Fatalf("bad --deny-hazards: exit %d\n%s", code, errs)
	}
	code, out, errs = cli(t, "apply", "--config", cfg, "--plan", plans, "-q")
	if code != 0 || !strings.Contains(out, "a: verified") || !indexed() {
		t.Fatalf("apply without a deny: exit %d\n%s%s", code, out, errs)
	}
}
