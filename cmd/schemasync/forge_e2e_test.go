package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-github/v84/github"
	"github.com/jackc/pgx/v5"
	gitlab "gitlab.com/gitlab-org/api/client-go/v2"

	"github.com/schemasync/schemasync/internal/fakegithub"
	"github.com/schemasync/schemasync/internal/fakegitlab"
	"github.com/schemasync/schemasync/internal/testdb"
)

const (
	fakeGitHubToken = "ghs_e2eSECRETtoken0123456789"
	fakeGitLabToken = "glpat-e2eSECRETtoken98765"
)

// forgeRequest is a request with its comments, as a fake holds it.
type forgeRequest struct {
	Number   int64
	Head     string
	State    string
	Title    string
	Comments []string
}

// forgeHarness is one fake forge with the environment that points the
// CLI at it.
type forgeHarness struct {
	name     string
	token    string
	env      map[string]string
	requests func() []forgeRequest
	merge    func(t *testing.T, number int64) string
	errors   func() []string
	log      func() []string
	traffic  func() string
	// shaEnv is the variable that names the commit a pipeline runs for.
	shaEnv string
}

// ciVars are cleared before each forge's run, so that the CI the tests
// themselves run in cannot steer them.
var ciVars = []string{
	"GITHUB_ACTIONS", "GITHUB_API_URL", "GITHUB_TOKEN", "GH_TOKEN", "SCHEMASYNC_GITHUB_TOKEN", "GITHUB_REPOSITORY",
	"GITHUB_EVENT_PATH", "GITHUB_SHA", "GITHUB_REF", "GITHUB_REF_NAME", "GITHUB_REF_TYPE", "GITHUB_STEP_SUMMARY",
	"GITHUB_OUTPUT", "GITHUB_WORKSPACE", "GITLAB_CI", "CI_API_V4_URL", "GITLAB_TOKEN", "SCHEMASYNC_GITLAB_TOKEN",
	"CI_PROJECT_ID", "CI_PROJECT_PATH", "CI_MERGE_REQUEST_IID", "CI_COMMIT_SHA", "CI_COMMIT_BRANCH", "CI_DEFAULT_BRANCH",
	"SCHEMASYNC_GIT_AUTHOR",
}

func newGitHubHarness(t *testing.T, bare string) *forgeHarness {
	t.Helper()
	spec, err := fakegithub.SpecPath(context.Background())
	if err != nil {
		t.Fatalf("the GitHub fake needs GitHub's OpenAPI description: %v", err)
	}
	f, err := fakegithub.New(fakegithub.Options{Owner: "acme", Repo: "shop", RepoPath: bare, Token: fakeGitHubToken, SpecPath: spec})
	if err != nil {
		t.Fatal(err)
	}
	url := f.Start()
	t.Cleanup(f.Close)
	client := github.NewClient(nil).WithAuthToken(fakeGitHubToken)
	client.BaseURL, _ = client.BaseURL.Parse(url + "/")
	return &forgeHarness{
		name: "github", token: fakeGitHubToken, shaEnv: "GITHUB_SHA",
		env: map[string]string{
			"GITHUB_ACTIONS": "true", "GITHUB_API_URL": url, "GITHUB_TOKEN": fakeGitHubToken, "GITHUB_REPOSITORY": "acme/shop",
		},
		requests: func() []forgeRequest {
			var out []forgeRequest
			for _, p := range f.Pulls() {
				state := p.State
				if p.Merged {
					state = "merged"
				}
				out = append(out, forgeRequest{Number: int64(p.Number), Head: p.Head, State: state, Title: p.Title, Comments: p.Comments})
			}
			return out
		},
		merge: func(t *testing.T, n int64) string {
			res, _, err := client.PullRequests.Merge(context.Background(), "acme", "shop", int(n), "", nil)
			if err != nil {
				t.Fatalf("merge #%d: %v", n, err)
			}
			return res.GetSHA()
		},
		errors: f.Errors, log: f.Log, traffic: f.Traffic,
	}
}

func newGitLabHarness(t *testing.T, bare string) *forgeHarness {
	t.Helper()
	tmpl, err := fakegitlab.TemplateDir()
	if err != nil {
		t.Fatal(err)
	}
	f, err := fakegitlab.New(fakegitlab.Options{ProjectID: 42, ProjectPath: "acme/shop", RepoPath: bare, Token: fakeGitLabToken, TemplateDir: tmpl})
	if err != nil {
		t.Fatal(err)
	}
	url := f.Start()
	t.Cleanup(f.Close)
	client, err := gitlab.NewClient(fakeGitLabToken, gitlab.WithBaseURL(url), gitlab.WithoutRetries())
	if err != nil {
		t.Fatal(err)
	}
	return &forgeHarness{
		name: "gitlab", token: fakeGitLabToken, shaEnv: "CI_COMMIT_SHA",
		env: map[string]string{
			"GITLAB_CI": "true", "CI_API_V4_URL": url, "GITLAB_TOKEN": fakeGitLabToken, "CI_PROJECT_ID": "42",
			"CI_PROJECT_PATH": "acme/shop", "CI_DEFAULT_BRANCH": "main",
		},
		requests: func() []forgeRequest {
			var out []forgeRequest
			for _, m := range f.MergeRequests() {
				state := m.State
				if state == "opened" {
					state = "open"
				}
				out = append(out, forgeRequest{Number: m.IID, Head: m.Source, State: state, Title: m.Title, Comments: m.Notes})
			}
			return out
		},
		merge: func(t *testing.T, n int64) string {
			mr, _, err := client.MergeRequests.AcceptMergeRequest("acme/shop", n, nil)
			if err != nil {
				t.Fatalf("accept !%d: %v", n, err)
			}
			return mr.MergeCommitSHA
		},
		errors: f.Errors, log: f.Log, traffic: f.Traffic,
	}
}

// TestForgeEndToEnd runs the whole loop on each fake forge: a push of a
// new schema version opens one request with the plan files and one preview
// comment; running again changes nothing; a second push updates both in
// place; a reviewer's edit of a plan file is kept, merged and applied as
// edited; the result comment shows the verification; a target in sync
// opens nothing; and the token appears nowhere.
func TestForgeEndToEnd(t *testing.T) {
	for _, kind := range []string{"github", "gitlab"} {
		t.Run(kind, func(t *testing.T) { runForgeEndToEnd(t, kind) })
	}
}

func runForgeEndToEnd(t *testing.T, kind string) {
	ctx := context.Background()
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
	tmp := t.TempDir()
	bare := filepath.Join(tmp, "origin.git")
	if _, err := git.PlainInitWithOptions(bare, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}); err != nil {
		t.Fatal(err)
	}
	var h *forgeHarness
	if kind == "github" {
		h = newGitHubHarness(t, bare)
	} else {
		h = newGitLabHarness(t, bare)
	}
	for k, v := range h.env {
		t.Setenv(k, v)
	}
	summary := filepath.Join(tmp, "summary.md")
	if kind == "github" {
		t.Setenv("GITHUB_STEP_SUMMARY", summary)
		t.Setenv("GITHUB_OUTPUT", filepath.Join(tmp, "output.txt"))
	}

	// The developer's repository, pushing to the fake's.
	dev := filepath.Join(tmp, "dev")
	repo, err := git.PlainInitWithOptions(dev, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	day := 0
	commitPush := func(r *git.Repository, msg, branch string) string {
		t.Helper()
		w, _ := r.Worktree()
		if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		day++
		hash, err := w.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		spec := config.RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)
		if err := r.Push(&git.PushOptions{RemoteName: "origin", RefSpecs: []config.RefSpec{spec}}); err != nil {
			t.Fatalf("push %s: %v", branch, err)
		}
		return hash.String()
	}
	writeRepoFile(t, dev, "schemasync.yaml", `engine: postgres
schema_dir: schema
plan_dir: plans
targets:
  - name: staging
    url_env: SS_E2E_STAGING
  - name: prod
    url_env: SS_E2E_PROD
`)
	writeRepoFile(t, dev, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY);\n")
	commitPush(repo, "v1: items", "main")

	staging, prod := testdb.Postgres(t), testdb.Postgres(t)
	t.Setenv("SS_E2E_STAGING", staging)
	t.Setenv("SS_E2E_PROD", prod)
	if err := testdb.ExecPostgres(ctx, prod, "CREATE TABLE items (id integer PRIMARY KEY);"); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dev, "schemasync.yaml")
	var transcript strings.Builder
	step := func(name string, args ...string) (int, string, string) {
		t.Helper()
		code, out, errs := cli(t, args...)
		fmt.Fprintf(&transcript, "$ schemasync %s\n%s%s(exit %d)\n", strings.Join(args, " "), out, errs, code)
		t.Logf("%s: schemasync %s -> exit %d\n%s%s", name, strings.Join(args, " "), code, out, errs)
		return code, out, errs
	}
	logMark := 0
	writes := func() []string {
		var w []string
		l := h.log()
		for _, line := range l[logMark:] {
			if !strings.HasPrefix(line, "GET ") {
				w = append(w, line)
			}
		}
		logMark = len(l)
		return w
	}
	oneRequest := func(want string) forgeRequest {
		t.Helper()
		rs := h.requests()
		if len(rs) != 1 {
			t.Fatalf("want one request, got %+v", rs)
		}
		r := rs[0]
		if r.State != want || r.Head != "schemasync/main" {
			t.Fatalf("request: want state %s from schemasync/main, got %+v", want, r)
		}
		return r
	}
	branchFile := func(name string) string {
		t.Helper()
		r, err := git.PlainOpen(bare)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := r.Reference(plumbing.NewBranchReferenceName("schemasync/main"), true)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := r.CommitObject(ref.Hash())
		f, err := c.File("plans/" + name)
		if err != nil {
			return ""
		}
		text, _ := f.Contents()
		return text
	}

	// 1. A new version: one request with the plan files and one preview.
	writeRepoFile(t, dev, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text);\n")
	commitPush(repo, "v2: label", "main")
	code, out, errs := step("propose v2", "propose", "--config", cfg)
	if code != 0 || !strings.Contains(out, "created") {
		t.Fatalf("propose v2: exit %d\n%s%s", code, out, errs)
	}
	r := oneRequest("open")
	if len(r.Comments) != 1 || !strings.Contains(r.Comments[0], "<!-- schemasync:preview -->") || !strings.Contains(r.Comments[0], "plans/prod.sql") {
		t.Fatalf("want one preview comment naming plans/prod.sql, got %q", r.Comments)
	}
	if !strings.Contains(branchFile("prod.sql"), "ADD COLUMN label") || !strings.Contains(branchFile("staging.sql"), "CREATE TABLE") {
		t.Fatalf("the branch lacks the plans:\n%s\n%s", branchFile("prod.sql"), branchFile("staging.sql"))
	}
	if got, _ := os.ReadDir(filepath.Join(dev, "plans")); len(got) != 0 {
		t.Fatalf("propose wrote into the work tree: %v", got)
	}
	t.Logf("writes: %v", writes())

	// 2. Again with nothing new: nothing changes, not even a timestamp.
	code, out, errs = step("propose again", "propose", "--config", cfg)
	if code != 0 || !strings.Contains(out, "unchanged") || !strings.Contains(out, "pushed: no") {
		t.Fatalf("propose again: exit %d\n%s%s", code, out, errs)
	}
	if w := writes(); len(w) != 0 {
		t.Fatalf("a rerun with nothing new wrote to the forge: %v", w)
	}

	// 3. A second push: the same request and comment, updated in place.
	writeRepoFile(t, dev, "schema/items.sql", "CREATE TABLE items (id integer PRIMARY KEY, label text, note text);\n")
	commitPush(repo, "v3: note", "main")
	code, out, errs = step("propose v3", "propose", "--config", cfg)
	if code != 0 || !strings.Contains(out, "updated") || !strings.Contains(out, "pushed: yes") {
		t.Fatalf("propose v3: exit %d\n%s%s", code, out, errs)
	}
	r = oneRequest("open")
	if len(r.Comments) != 1 || !strings.Contains(r.Comments[0], "note") {
		t.Fatalf("want the one preview comment updated, got %q", r.Comments)
	}
	if !strings.Contains(branchFile("prod.sql"), "ADD COLUMN note") {
		t.Fatalf("the branch's prod plan was not replaced:\n%s", branchFile("prod.sql"))
	}
	t.Logf("writes: %v", writes())

	// 4. A reviewer keeps prod without the note column: an edit on the branch.
	rev := filepath.Join(tmp, "reviewer")
	rrepo, err := git.PlainClone(rev, false, &git.CloneOptions{URL: bare, ReferenceName: plumbing.NewBranchReferenceName("schemasync/main"), SingleBranch: true})
	if err != nil {
		t.Fatal(err)
	}
	planText, err := os.ReadFile(filepath.Join(rev, "plans", "prod.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, l := range strings.SplitAfter(string(planText), "\n") {
		if !strings.Contains(l, "ADD COLUMN note") {
			kept = append(kept, l)
		}
	}
	writeRepoFile(t, rev, "plans/prod.sql", strings.Join(kept, ""))
	commitPush(rrepo, "review: keep prod without note", "schemasync/main")
	code, out, errs = step("propose after review", "propose", "--config", cfg)
	if code != 0 || !strings.Contains(out, "pushed: no") || strings.Contains(branchFile("prod.sql"), "ADD COLUMN note") {
		t.Fatalf("a rerun must keep the reviewer's edit: exit %d\n%s%s\n%s", code, out, errs, branchFile("prod.sql"))
	}
	if w := writes(); len(w) != 0 {
		t.Fatalf("a rerun after review wrote to the forge: %v", w)
	}

	// 5. Merge, then the pipeline on main applies what was merged.
	mergeSHA := h.merge(t, r.Number)
	ci := filepath.Join(tmp, "ci")
	if _, err := git.PlainClone(ci, false, &git.CloneOptions{URL: bare}); err != nil {
		t.Fatal(err)
	}
	t.Setenv(h.shaEnv, mergeSHA)
	ciCfg := filepath.Join(ci, "schemasync.yaml")
	code, out, errs = step("apply after merge", "apply", "--config", ciCfg, "--plan", filepath.Join(ci, "plans"), "--merged", "--report", "auto", "-q")
	if code != 2 || !strings.Contains(out, "staging: verified") || !strings.Contains(out, "prod: DRIFT") || !strings.Contains(errs, "EDITED") {
		t.Fatalf("apply after merge: want staging verified and prod's edit applied (exit 2: residue), got exit %d\n%s%s", code, out, errs)
	}
	cols := columns(t, prod)
	if cols != "id,label" {
		t.Fatalf("prod should hold the edited plan's result (id,label), has %s", cols)
	}
	if cols := columns(t, staging); cols != "id,label,note" {
		t.Fatalf("staging should be at v3, has %s", cols)
	}
	r = oneRequest("merged")
	if len(r.Comments) != 2 {
		t.Fatalf("want the preview and the result comment, got %d: %q", len(r.Comments), r.Comments)
	}
	result := r.Comments[1]
	for _, want := range []string{"<!-- schemasync:apply -->", "`staging`", "verified: the target matches the version", "plan EDITED in review", "**residue**", "ADD COLUMN note", mergeSHA} {
		if !strings.Contains(result, want) {
			t.Fatalf("the result comment lacks %q:\n%s", want, result)
		}
	}
	t.Logf("result comment:\n%s", result)

	// 6. Applying again reports "already applied" in the same comment.
	code, out, errs = step("apply again", "apply", "--config", ciCfg, "--plan", filepath.Join(ci, "plans"), "--merged", "--report", "auto", "-q")
	if !strings.Contains(out, "staging: already applied") {
		t.Fatalf("apply again: exit %d\n%s%s", code, out, errs)
	}
	if r = oneRequest("merged"); len(r.Comments) != 2 || !strings.Contains(r.Comments[1], "already applied") {
		t.Fatalf("want the result comment updated in place, got %q", r.Comments)
	}

	// 7. A target in sync opens nothing and says so.
	code, out, errs = step("propose in sync", "propose", "--config", ciCfg, "--target", "staging")
	if code != 0 || !strings.Contains(out, "in sync") || len(h.requests()) != 1 {
		t.Fatalf("propose in sync: exit %d\n%s%s (requests: %d)", code, out, errs, len(h.requests()))
	}

	// The fake found every request and response well formed.
	if e := h.errors(); len(e) > 0 {
		t.Fatalf("the %s fake reports:\n%s", kind, strings.Join(e, "\n"))
	}
	// The token never leaves the environment: not in the output, the
	// comments and requests, the files written, or the repositories.
	assertNoSecret(t, h.token, map[string]string{"transcript": transcript.String(), "forge traffic": h.traffic()}, tmp)
	t.Logf("forge log:\n%s", strings.Join(h.log(), "\n"))
}

func columns(t *testing.T, url string) string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var out string
	err = conn.QueryRow(context.Background(), "SELECT string_agg(column_name::text, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'items'").Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNoSecret fails when secret occurs in any text or in any file
// below dir (git objects are compressed: they are checked through git).
func assertNoSecret(t *testing.T, secret string, texts map[string]string, dir string) {
	t.Helper()
	for name, text := range texts {
		if strings.Contains(text, secret) {
			t.Errorf("the token appears in the %s", name)
		}
	}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), secret) {
			t.Errorf("the token appears in %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !info.IsDir() || !(strings.HasSuffix(p, ".git") || filepath.Base(p) == ".git") {
			return nil
		}
		r, err := git.PlainOpen(p)
		if err != nil {
			return nil
		}
		iter, err := r.BlobObjects()
		if err != nil {
			return nil
		}
		iter.ForEach(func(b *object.Blob) error {
			rd, err := b.Reader()
			if err != nil {
				return nil
			}
			defer rd.Close()
			if data, err := io.ReadAll(rd); err == nil && strings.Contains(string(data), secret) {
				t.Errorf("the token appears in a git object in %s", p)
			}
			return nil
		})
		commits, _ := r.CommitObjects()
		commits.ForEach(func(c *object.Commit) error {
			if strings.Contains(c.Message, secret) {
				t.Errorf("the token appears in a commit message in %s", p)
			}
			return nil
		})
		return filepath.SkipDir
	})
}
