package vcs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemasync/schemasync/internal/fakegithub"
	"github.com/schemasync/schemasync/internal/fakegitlab"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestRequestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		kind  string
		env   map[string]string
		want  int64
		isErr bool
	}{
		{"github", map[string]string{"GITHUB_EVENT_PATH": "testdata/events/pull_request.json"}, 7, false},
		{"github", map[string]string{"GITHUB_EVENT_PATH": "testdata/events/issue_comment.json"}, 9, false},
		{"github", map[string]string{"GITHUB_EVENT_PATH": "testdata/events/push.json"}, 0, false},
		{"github", map[string]string{"GITHUB_EVENT_PATH": "testdata/events/missing.json"}, 0, true},
		{"gitlab", map[string]string{"CI_MERGE_REQUEST_IID": "12"}, 12, false},
		{"gitlab", map[string]string{"CI_MERGE_REQUEST_IID": "x"}, 0, true},
		{"gitlab", map[string]string{}, 0, false},
	} {
		got, err := RequestFromEnv(tc.kind, env(tc.env))
		if (err != nil) != tc.isErr || got != tc.want {
			t.Errorf("%s %v: got %d, %v; want %d (error: %v)", tc.kind, tc.env, got, err, tc.want, tc.isErr)
		}
	}
	if b := DefaultBranchFromEnv(env(map[string]string{"GITHUB_EVENT_PATH": "testdata/events/pull_request.json"})); b != "trunk" {
		t.Errorf("default branch from the event: %q", b)
	}
}

func TestDetectAndNewForge(t *testing.T) {
	if k := DetectForge(env(map[string]string{"GITHUB_ACTIONS": "true"})); k != "github" {
		t.Errorf("detect github: %q", k)
	}
	if k := DetectForge(env(map[string]string{"GITLAB_CI": "true"})); k != "gitlab" {
		t.Errorf("detect gitlab: %q", k)
	}
	if _, err := NewForge(ForgeOptions{Getenv: env(nil)}); err == nil {
		t.Error("no forge in the environment must be an error")
	}
	if _, err := NewForge(ForgeOptions{Kind: "github", Getenv: env(map[string]string{"GITHUB_REPOSITORY": "noslash"})}); err == nil {
		t.Error("a malformed GITHUB_REPOSITORY must be an error")
	}
	_, err := NewForge(ForgeOptions{Kind: "github", Getenv: env(map[string]string{"GITHUB_REPOSITORY": "a/b", "GITHUB_API_URL": "https://x:sekrit99@example.com"})})
	if err == nil || strings.Contains(err.Error(), "sekrit99") {
		t.Errorf("credentials in the API URL: want an error without them, got %v", err)
	}
}

func TestScrub(t *testing.T) {
	for in, want := range map[string]string{
		"push https://gitlab-ci-token:glcbt-abc123@gitlab.example/x.git failed": "push https://gitlab-ci-token:xxxxx@gitlab.example/x.git failed",
		"token ghs_0123456789 rejected":                                         "token [REDACTED] rejected",
		"no url here":                                                           "no url here",
		"see https://example.com/a@b":                                           "see https://example.com/a@b",
	} {
		if got := Scrub(in, []string{"ghs_0123456789"}); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

// forgeRepo makes a repository with main and a branch ahead of it; the
// fakes serve it (go-git opens a work tree's repository as well as a
// bare one).
func forgeRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	sig := &object.Signature{Name: "T", Email: "t@example.com", When: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	writeFile(t, dir, "a.txt", "a\n")
	wt.Add("a.txt")
	if _, err := wt.Commit("one", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Create: true}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "b.txt", "b\n")
	wt.Add("b.txt")
	if _, err := wt.Commit("two", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestForgesOnFakes drives both clients through the same calls: open a
// request, find it again, upsert one comment by its marker, merge, find
// the request by its merge commit.
func TestForgesOnFakes(t *testing.T) {
	ctx := context.Background()
	t.Run("github", func(t *testing.T) {
		spec, err := fakegithub.SpecPath(ctx)
		if err != nil {
			t.Fatalf("the GitHub fake needs GitHub's OpenAPI description: %v", err)
		}
		repo := forgeRepo(t)
		f, err := fakegithub.New(fakegithub.Options{Owner: "acme", Repo: "shop", RepoPath: repo, Token: "tok-gh-1234", SpecPath: spec})
		if err != nil {
			t.Fatal(err)
		}
		url := f.Start()
		defer f.Close()
		fg, err := NewForge(ForgeOptions{Getenv: env(map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_API_URL": url, "GITHUB_TOKEN": "tok-gh-1234", "GITHUB_REPOSITORY": "acme/shop"})})
		if err != nil {
			t.Fatal(err)
		}
		checkForge(t, fg, func(n int64) string {
			sha, err := f.MergePull(int(n))
			if err != nil {
				t.Fatal(err)
			}
			return sha
		})
		if e := f.Errors(); len(e) > 0 {
			t.Fatalf("fake GitHub: %s", strings.Join(e, "\n"))
		}
		// A wrong token is refused, and the error does not print it.
		bad, _ := NewForge(ForgeOptions{Getenv: env(map[string]string{"GITHUB_API_URL": url, "GITHUB_TOKEN": "wrong-token-5678", "GITHUB_REPOSITORY": "acme/shop"})})
		if _, err := bad.FindOpenRequest(ctx, "feature", "main"); err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "wrong-token-5678") {
			t.Fatalf("want a 401 without the token, got %v", err)
		}
	})
	t.Run("gitlab", func(t *testing.T) {
		tmpl, err := fakegitlab.TemplateDir()
		if err != nil {
			t.Fatal(err)
		}
		repo := forgeRepo(t)
		f, err := fakegitlab.New(fakegitlab.Options{ProjectID: 7, ProjectPath: "acme/shop", RepoPath: repo, Token: "tok-gl-1234", TemplateDir: tmpl})
		if err != nil {
			t.Fatal(err)
		}
		url := f.Start()
		defer f.Close()
		fg, err := NewForge(ForgeOptions{Getenv: env(map[string]string{"GITLAB_CI": "true", "CI_API_V4_URL": url, "GITLAB_TOKEN": "tok-gl-1234", "CI_PROJECT_PATH": "acme/shop"})})
		if err != nil {
			t.Fatal(err)
		}
		checkForge(t, fg, func(n int64) string {
			sha, err := f.AcceptMR(n)
			if err != nil {
				t.Fatal(err)
			}
			return sha
		})
		if e := f.Errors(); len(e) > 0 {
			t.Fatalf("fake GitLab: %s", strings.Join(e, "\n"))
		}
	})
}

func checkForge(t *testing.T, f Forge, merge func(int64) string) {
	ctx := context.Background()
	if r, err := f.FindOpenRequest(ctx, "feature", "main"); err != nil || r != nil {
		t.Fatalf("before: want no request, got %+v, %v", r, err)
	}
	r, err := f.CreateRequest(ctx, NewRequest{Title: "T", Body: "B", Head: "feature", Base: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.CreateRequest(ctx, NewRequest{Title: "T", Body: "B", Head: "feature", Base: "main"}); err == nil {
		t.Fatal("a second request for the same branch must be refused")
	}
	found, err := f.FindOpenRequest(ctx, "feature", "main")
	if err != nil || found == nil || found.Number != r.Number || found.State != "open" || found.HeadSHA == "" {
		t.Fatalf("find: got %+v, %v", found, err)
	}
	if _, err := f.UpdateRequest(ctx, r.Number, "T2", "B2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.GetRequest(ctx, r.Number); got.Title != "T2" || got.Body != "B2" {
		t.Fatalf("update: got %+v", got)
	}
	if _, err := f.CreateComment(ctx, r.Number, "a person's comment"); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{Created, Unchanged, Updated} {
		body := "first"
		if i == 2 {
			body = "second"
		}
		_, action, err := UpsertComment(ctx, f, r.Number, PreviewMarker, body)
		if err != nil || action != want {
			t.Fatalf("upsert %d: got %s, %v; want %s", i, action, err, want)
		}
	}
	cs, err := f.Comments(ctx, r.Number)
	if err != nil || len(cs) != 2 || cs[0].Body != "a person's comment" || cs[1].Body != PreviewMarker+"\nsecond" {
		t.Fatalf("comments: got %+v, %v", cs, err)
	}
	sha := merge(r.Number)
	rs, err := f.RequestsForCommit(ctx, sha)
	if err != nil || len(rs) != 1 || rs[0].State != "merged" || rs[0].MergeSHA != sha {
		t.Fatalf("requests of the merge commit: got %+v, %v", rs, err)
	}
	if r, err := f.FindOpenRequest(ctx, "feature", "main"); err != nil || r != nil {
		t.Fatalf("after the merge: want no open request, got %+v, %v", r, err)
	}
}
