package main

// The GitHub Action run for real with act, and the GitLab template with
// gitlab-ci-local, against the fake forges and real databases. The tools
// come from scripts/e2e-tools.sh (built from the Go module proxy and npm
// into a cache directory); a tool that cannot be installed fails the test.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/internal/testdb"
)

// e2eTools installs (or finds) act, actionlint and gitlab-ci-local.
func e2eTools(t *testing.T) map[string]string {
	t.Helper()
	root := repoRoot(t)
	cmd := exec.Command(filepath.Join(root, "scripts", "e2e-tools.sh"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/e2e-tools.sh could not install the end-to-end tools: %v\n%s", err, stderr.String())
	}
	tools := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			tools[k] = v
		}
	}
	for _, k := range []string{"ACT", "ACTIONLINT", "GITLAB_CI_LOCAL"} {
		if tools[k] == "" {
			t.Fatalf("scripts/e2e-tools.sh did not name %s:\n%s", k, out)
		}
	}
	return tools
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "action.yml")); err != nil {
		t.Fatalf("the repository root with action.yml is not at %s: %v", root, err)
	}
	return root
}

// shopRepo is a user's repository for the CI runs: schemasync.yaml with
// two targets, schema versions, CI files, and origin = the fake's bare
// repository.
type shopRepo struct {
	t    *testing.T
	dir  string
	bare string
	repo *git.Repository
	day  int
}

func newShopRepo(t *testing.T, tmp string) *shopRepo {
	t.Helper()
	bare := filepath.Join(tmp, "origin.git")
	if _, err := git.PlainInitWithOptions(bare, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "shop")
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	writeRepoFile(t, dir, "schemasync.yaml", `engine: postgres
schema_dir: schema
plan_dir: plans
targets:
  - name: staging
    url_env: SHOP_STAGING_URL
  - name: prod
    url_env: SHOP_PROD_URL
`)
	writeRepoFile(t, dir, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY);\n")
	s := &shopRepo{t: t, dir: dir, bare: bare, repo: r}
	s.commitPush("v1: items")
	return s
}

func (s *shopRepo) commitPush(msg string) string {
	s.t.Helper()
	wt, _ := s.repo.Worktree()
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		s.t.Fatal(err)
	}
	s.day++
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Date(2025, 4, s.day, 9, 0, 0, 0, time.UTC)}})
	if err != nil {
		s.t.Fatal(err)
	}
	if err := s.repo.Push(&git.PushOptions{RemoteName: "origin", RefSpecs: []config.RefSpec{"refs/heads/main:refs/heads/main"}}); err != nil {
		s.t.Fatal(err)
	}
	return h.String()
}

// pullMain brings main to the remote's (after a merge), as a CI checkout of
// the merge commit would be.
func (s *shopRepo) pullMain() string {
	s.t.Helper()
	wt, _ := s.repo.Worktree()
	err := wt.Pull(&git.PullOptions{RemoteName: "origin", ReferenceName: plumbing.Main, SingleBranch: true})
	if err != nil && err != git.NoErrAlreadyUpToDate {
		s.t.Fatalf("pull main: %v", err)
	}
	h, _ := s.repo.Head()
	return h.Hash().String()
}

// stubAction writes a composite action that only says what it stands for:
// act resolves actions/checkout and actions/setup-go to these, as nothing
// may be fetched from outside (the workspace is the repository already,
// and Go is on the machine).
func stubAction(t *testing.T, dir, what string) string {
	t.Helper()
	writeRepoFile(t, dir, "action.yml", `name: stub
description: stands for `+what+` in local runs
inputs:
  go-version:
    description: ignored
    required: false
  fetch-depth:
    description: ignored
    required: false
  ref:
    description: ignored
    required: false
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "stub for `+what+`"
`)
	return dir
}

// TestActionUnderAct runs the example workflows with the repository's
// action.yml under act (host mode): propose on a push of a new version,
// then apply on the push of the merge, against the fake GitHub and real
// databases.
func TestActionUnderAct(t *testing.T) {
	tools := e2eTools(t)
	root := repoRoot(t)
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
	tmp := t.TempDir()
	shop := newShopRepo(t, tmp)
	h := newGitHubHarness(t, shop.bare)
	staging, prod := testdb.Postgres(t), testdb.Postgres(t)
	if err := testdb.ExecPostgres(context.Background(), prod, "CREATE TABLE items (id integer PRIMARY KEY);"); err != nil {
		t.Fatal(err)
	}
	for _, wf := range []string{"schemasync-propose.yml", "schemasync-apply.yml"} {
		data, err := os.ReadFile(filepath.Join(root, "examples", "github", wf))
		if err != nil {
			t.Fatal(err)
		}
		writeRepoFile(t, shop.dir, ".github/workflows/"+wf, string(data))
	}
	writeRepoFile(t, shop.dir, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	shop.commitPush("v2: label")

	checkout := stubAction(t, filepath.Join(tmp, "stub-checkout"), "actions/checkout")
	setupGo := stubAction(t, filepath.Join(tmp, "stub-setup-go"), "actions/setup-go")
	act := func(workflow, sha string) string {
		t.Helper()
		event := filepath.Join(tmp, "event.json")
		ev, _ := json.Marshal(map[string]any{
			"ref": "refs/heads/main", "after": sha,
			"repository": map[string]any{"full_name": "acme/shop", "name": "shop", "default_branch": "main", "owner": map[string]any{"login": "acme"}},
		})
		if err := os.WriteFile(event, ev, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"push", "-W", filepath.Join(".github", "workflows", workflow), "-e", event,
			"-P", "ubuntu-latest=-self-hosted",
			"--local-repository", "schemasync/schemasync@v1=" + root,
			"--local-repository", "actions/checkout@v4=" + checkout,
			"--local-repository", "actions/setup-go@v5=" + setupGo,
			"-s", "GITHUB_TOKEN=" + h.token,
			"-s", "SHOP_STAGING_URL=" + staging, "-s", "SHOP_PROD_URL=" + prod,
			"--env", "GITHUB_API_URL=" + h.env["GITHUB_API_URL"],
			"--env", "GITHUB_REPOSITORY=acme/shop",
			"--actor", "reviewer",
		}
		cmd := exec.Command(tools["ACT"], args...)
		cmd.Dir = shop.dir
		cmd.Env = append(os.Environ(), "ACT_DISABLE_VERSION_CHECK=1")
		out, err := cmd.CombinedOutput()
		t.Logf("act %s:\n%s", workflow, out)
		if err != nil {
			t.Fatalf("act %s: %v", workflow, err)
		}
		return string(out)
	}

	out := act("schemasync-propose.yml", shop.pullMain())
	rs := h.requests()
	if len(rs) != 1 || rs[0].Head != "schemasync/main" || len(rs[0].Comments) != 1 || !strings.Contains(rs[0].Comments[0], "plans/prod.sql") {
		t.Fatalf("the propose workflow should open one pull request with one preview comment, got %+v", rs)
	}
	if !strings.Contains(out, "plans proposed in") {
		t.Fatalf("the workflow's outputs did not reach the next step:\n%s", out)
	}

	mergeSHA := h.merge(t, rs[0].Number)
	if got := shop.pullMain(); got != mergeSHA {
		t.Fatalf("main is at %s, not at the merge %s", got, mergeSHA)
	}
	out = act("schemasync-apply.yml", mergeSHA)
	rs = h.requests()
	if len(rs) != 1 || len(rs[0].Comments) != 2 || !strings.Contains(rs[0].Comments[1], "verified: the target matches the version") {
		t.Fatalf("the apply workflow should comment the verified result, got %+v", rs)
	}
	if cols := columns(t, prod); cols != "id,label" {
		t.Fatalf("prod after the apply workflow: %s", cols)
	}
	if e := h.errors(); len(e) > 0 {
		t.Fatalf("the GitHub fake reports:\n%s", strings.Join(e, "\n"))
	}
	assertNoSecret(t, h.token, map[string]string{"act output": out, "forge traffic": h.traffic()}, tmp)
}

// TestGitLabTemplateUnderGitLabCILocal runs the GitLab CI template with
// gitlab-ci-local (shell executor): schemasync-propose on a push of a new
// version, then schemasync-apply on the merge, against the fake GitLab and
// real databases.
func TestGitLabTemplateUnderGitLabCILocal(t *testing.T) {
	tools := e2eTools(t)
	root := repoRoot(t)
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin", "schemasync")
	build := exec.Command("go", "build", "-o", bin, "./cmd/schemasync")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build schemasync: %v\n%s", err, out)
	}
	shop := newShopRepo(t, tmp)
	h := newGitLabHarness(t, shop.bare)
	staging, prod := testdb.Postgres(t), testdb.Postgres(t)
	if err := testdb.ExecPostgres(context.Background(), prod, "CREATE TABLE items (id integer PRIMARY KEY);"); err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile(filepath.Join(root, "examples", "gitlab", "schemasync.gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeRepoFile(t, shop.dir, "ci/schemasync.gitlab-ci.yml", string(tmpl))
	writeRepoFile(t, shop.dir, ".gitlab-ci.yml", "include:\n  - local: ci/schemasync.gitlab-ci.yml\n")
	writeRepoFile(t, shop.dir, ".gitignore", ".gitlab-ci-local/\ngl-code-quality-report.json\n")
	writeRepoFile(t, shop.dir, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	shop.commitPush("v2: label")

	home := filepath.Join(tmp, "gcl-home")
	gcl := func(job string) string {
		t.Helper()
		args := []string{job, "--force-shell-executor", "--home", home, "--timestamps=false",
			"--variable", "CI_API_V4_URL=" + h.env["CI_API_V4_URL"],
			"--variable", "GITLAB_TOKEN=" + h.token,
			"--variable", "CI_PROJECT_ID=42",
			"--variable", "CI_DEFAULT_BRANCH=main",
			"--variable", "SCHEMASYNC_BIN=" + bin,
			"--variable", "SHOP_STAGING_URL=" + staging,
			"--variable", "SHOP_PROD_URL=" + prod,
			"--ignore-predefined-vars", "CI_API_V4_URL,CI_PROJECT_ID,CI_DEFAULT_BRANCH",
		}
		cmd := exec.Command(tools["GITLAB_CI_LOCAL"], args...)
		cmd.Dir = shop.dir
		out, err := cmd.CombinedOutput()
		t.Logf("gitlab-ci-local %s:\n%s", job, out)
		if err != nil {
			t.Fatalf("gitlab-ci-local %s: %v", job, err)
		}
		return string(out)
	}

	out := gcl("schemasync-propose")
	rs := h.requests()
	if len(rs) != 1 || rs[0].Head != "schemasync/main" || len(rs[0].Comments) != 1 || !strings.Contains(rs[0].Comments[0], "plans/prod.sql") {
		t.Fatalf("schemasync-propose should open one merge request with one preview note, got %+v", rs)
	}
	report, err := os.ReadFile(filepath.Join(shop.dir, "gl-code-quality-report.json"))
	if err != nil || !json.Valid(report) {
		t.Fatalf("the code quality report is missing or not JSON: %v\n%s", err, report)
	}

	mergeSHA := h.merge(t, rs[0].Number)
	if got := shop.pullMain(); got != mergeSHA {
		t.Fatalf("main is at %s, not at the merge %s", got, mergeSHA)
	}
	out2 := gcl("schemasync-apply")
	rs = h.requests()
	if len(rs) != 1 || len(rs[0].Comments) != 2 || !strings.Contains(rs[0].Comments[1], "verified: the target matches the version") {
		t.Fatalf("schemasync-apply should note the verified result, got %+v", rs)
	}
	if cols := columns(t, prod); cols != "id,label" {
		t.Fatalf("prod after schemasync-apply: %s", cols)
	}
	if e := h.errors(); len(e) > 0 {
		t.Fatalf("the GitLab fake reports:\n%s", strings.Join(e, "\n"))
	}
	assertNoSecret(t, h.token, map[string]string{"gitlab-ci-local output": out + out2, "forge traffic": h.traffic()}, shop.dir)
}

// TestActionlint checks the workflow files with actionlint: the project's
// CI, the examples, and workflows that use action.yml as a local action (so
// that its inputs and outputs are checked too; a misspelt input must fail).
func TestActionlint(t *testing.T) {
	tools := e2eTools(t)
	root := repoRoot(t)
	lint := func(dir string, files ...string) (string, error) {
		cmd := exec.Command(tools["ACTIONLINT"], append([]string{"-no-color"}, files...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	files, _ := filepath.Glob(filepath.Join(root, "examples", "github", "*.yml"))
	files = append(files, filepath.Join(root, ".github", "workflows", "ci.yml"))
	if out, err := lint(root, files...); err != nil {
		t.Fatalf("actionlint: %v\n%s", err, out)
	}

	// The examples again, with the action as a local one.
	local := t.TempDir()
	// actionlint finds local actions from the repository's root.
	if _, err := git.PlainInit(local, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeRepoFile(t, local, "action.yml", string(data))
	var wfs []string
	for _, f := range files[:len(files)-1] {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := ".github/workflows/" + filepath.Base(f)
		writeRepoFile(t, local, name, strings.ReplaceAll(string(text), "uses: schemasync/schemasync@v1", "uses: ./"))
		wfs = append(wfs, name)
	}
	if out, err := lint(local, wfs...); err != nil {
		t.Fatalf("actionlint with the local action: %v\n%s", err, out)
	}
	writeRepoFile(t, local, ".github/workflows/bad.yml", `on: push
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        id: s
        with:
          comand: propose
      - run: echo "${{ steps.s.outputs.request-url }}"
`)
	if out, err := lint(local, ".github/workflows/bad.yml"); err == nil || !strings.Contains(out, "comand") {
		t.Fatalf("actionlint should refuse an input action.yml does not declare: %v\n%s", err, out)
	}
}
