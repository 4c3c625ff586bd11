package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/runner"
)

// TestProposeOnlyTargetFailed: when the only target cannot be reached,
// propose says so, names it with its error (password masked), never calls
// it in sync, and exits non-zero. Nothing reaches the forge: with no plan
// there is nothing to propose. comment's summary line says the same.
func TestProposeOnlyTargetFailed(t *testing.T) {
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
	const password = "pr0pose-s3cret"
	root := t.TempDir()
	r, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	writeRepoFile(t, root, "schemasync.yaml", "engine: postgres\nschema_dir: schema\nplan_dir: plans\ntargets:\n  - name: prod\n    url_env: SS_FAILED_PROD\n")
	writeRepoFile(t, root, "schema/t.sql", "CREATE TABLE t (id integer PRIMARY KEY);\n")
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Commit("v1", &git.CommitOptions{Author: &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}
	// Port 1 on the loopback refuses connections.
	t.Setenv("SS_FAILED_PROD", "postgres://app:"+password+"@127.0.0.1:1/shop?sslmode=disable&connect_timeout=5")
	t.Setenv("GITHUB_REPOSITORY", "acme/shop")
	t.Setenv("GITHUB_TOKEN", "ghp_unused")
	t.Setenv("GITHUB_API_URL", "http://127.0.0.1:1")
	cfg := filepath.Join(root, "schemasync.yaml")

	code, out, errs := cli(t, "propose", "--config", cfg, "--base", "main")
	all := out + errs
	if code == 0 {
		t.Errorf("propose exit 0 with its only target failed:\n%s", all)
	}
	for _, w := range []string{"no target was planned", "1 target(s) failed: prod: inspect target prod", "prod: FAILED:"} {
		if !strings.Contains(all, w) {
			t.Errorf("propose output lacks %q:\n%s", w, all)
		}
	}
	if strings.Contains(all, "in sync") {
		t.Errorf("propose calls a failed target in sync:\n%s", all)
	}
	if strings.Contains(all, password) {
		t.Errorf("propose output reveals the password:\n%s", all)
	}
}

func TestCommentSummaryWord(t *testing.T) {
	failed := []runner.TargetError{{Target: "prod", Message: "unreachable"}}
	inSync := []*runner.PlanGroup{{Targets: []string{"staging"}}}
	for want, set := range map[string]*runner.PlanSet{
		"no target planned":                      {Failed: failed},
		"every planned target in sync, 1 failed": {Groups: inSync, Failed: failed},
		"every target in sync":                   {Groups: inSync},
	} {
		if got := changedWord(set); got != want {
			t.Errorf("changedWord = %q, want %q", got, want)
		}
	}
}
