package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/internal/testdb"
)

// cli runs the command line and returns its exit code and outputs.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), streams{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func writeRepoFile(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunnerCommands drives versions, plan, apply --plan, history, drift,
// diff --version and dump --commit on a temporary repository.
func TestRunnerCommands(t *testing.T) {
	root := t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	commit := func(msg, tag string, day int) {
		t.Helper()
		if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2024, 5, day, 9, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		if tag != "" {
			if _, err := r.CreateTag(tag, h, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	cfg := filepath.Join(root, "schemasync.yaml")
	writeRepoFile(t, root, "schemasync.yaml", `engine: postgres
schema_dir: schema
plan_dir: plans
targets:
  - name: a
    url_env: SS_TEST_A
  - name: b
    url_env: SS_TEST_B
groups:
  all: [a, b]
`)
	writeRepoFile(t, root, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY);\n")
	// The directory may be replaced by dumps (dump --commit below).
	writeRepoFile(t, root, "schema/.schemasync-dump", "")
	commit("v1: items", "v1", 1)
	writeRepoFile(t, root, "README.md", "not a schema change\n")
	commit("docs", "", 2)
	writeRepoFile(t, root, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	commit("v2: label", "v2", 3)

	a, b := testdb.Postgres(t), testdb.Postgres(t)
	t.Setenv("SS_TEST_A", a)
	t.Setenv("SS_TEST_B", b)
	if err := testdb.ExecPostgres(context.Background(), a, "CREATE TABLE items (id integer PRIMARY KEY);"); err != nil {
		t.Fatal(err)
	}

	code, out, errs := cli(t, "versions", "--config", cfg)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "(v2)") || strings.Contains(out, "docs") {
		t.Fatalf("versions: %d\n%s%s", code, out, errs)
	}

	code, out, errs = cli(t, "diff", "--config", cfg, "--version", "v2", "--target", a)
	if code != 0 || !strings.Contains(out, "ADD COLUMN label") {
		t.Fatalf("diff --version: %d\n%s%s", code, out, errs)
	}

	code, out, errs = cli(t, "plan", "--config", cfg, "--version", "v1", "--group", "all", "--format", "markdown")
	if code != 2 || !strings.Contains(out, "`a`: in sync") && !strings.Contains(out, "In sync") {
		t.Fatalf("plan v1: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = cli(t, "plan", "--config", cfg, "--version", "v2", "--format", "json")
	if code != 2 || !strings.Contains(out, `"changed": true`) {
		t.Fatalf("plan v2: exit %d\n%s%s", code, out, errs)
	}
	plans, _ := filepath.Glob(filepath.Join(root, "plans", "*.sql"))
	if len(plans) != 2 {
		t.Fatalf("want 2 plan files, got %v", plans)
	}

	// Shard 1/2 of [a b] is a; it applies only a's plan (SET lock_timeout
	// and ADD COLUMN).
	code, out, errs = cli(t, "apply", "--config", cfg, "--plan", filepath.Join(root, "plans"), "--shard", "1/2", "-q")
	if code != 0 || !strings.Contains(out, "a: applied 2 statement(s)") || strings.Contains(out, "b:") || !strings.Contains(out, "a: verified") {
		t.Fatalf("apply shard 1/2: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = cli(t, "apply", "--config", cfg, "--plan", filepath.Join(root, "plans"), "-q")
	if code != 0 || !strings.Contains(out, "a: already applied") || !strings.Contains(out, "b: verified") {
		t.Fatalf("apply all: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = cli(t, "history", "--config", cfg, "--target", "b")
	if code != 0 || !strings.Contains(out, "succeeded") || !strings.Contains(out, "edited=no") {
		t.Fatalf("history: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = cli(t, "drift", "--config", cfg)
	if code != 0 || strings.Count(out, "matches the last applied version") != 2 {
		t.Fatalf("drift in sync: exit %d\n%s%s", code, out, errs)
	}
	if err := testdb.ExecPostgres(context.Background(), b, "ALTER TABLE items ADD COLUMN extra integer"); err != nil {
		t.Fatal(err)
	}
	code, out, errs = cli(t, "drift", "--config", cfg, "--target", "b", "--version", "v1")
	if code != 2 || !strings.Contains(out, "DRIFTED") || !strings.Contains(out, "extra") {
		t.Fatalf("drift after a change: exit %d\n%s%s", code, out, errs)
	}

	// dump --commit makes b's live schema the next version.
	code, out, errs = cli(t, "dump", "--config", cfg, "--target", "b", "--commit", "--author", "Bot <bot@example.com>")
	if code != 0 || len(strings.TrimSpace(out)) != 40 {
		t.Fatalf("dump --commit: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = cli(t, "versions", "--config", cfg, "-n", "1")
	if code != 0 || !strings.Contains(out, "dump of target b") {
		t.Fatalf("the dump is not the newest version:\n%s", out)
	}
	code, out, errs = cli(t, "plan", "--config", cfg, "--target", "b")
	if code != 0 {
		t.Fatalf("b against its own dump should be in sync: exit %d\n%s%s", code, out, errs)
	}

	// The plain form is unchanged.
	plain := filepath.Join(t.TempDir(), "p.sql")
	writeRepoFile(t, filepath.Dir(plain), "p.sql", "ALTER TABLE items ADD COLUMN note text;\n")
	if code, out, errs = cli(t, "apply", "--target", a, "--file", plain); code != 0 {
		t.Fatalf("apply --target --file: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs = cli(t, "apply", "--target", a); code != 1 || !strings.Contains(errs, `"file"`) {
		t.Fatalf("apply without --file: exit %d %s", code, errs)
	}
}
