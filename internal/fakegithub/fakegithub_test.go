package fakegithub

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

func newFake(t *testing.T) (*Server, string) {
	t.Helper()
	spec, err := SpecPath(context.Background())
	if err != nil {
		t.Fatalf("the fake validates against @octokit/openapi and could not get it: %v", err)
	}
	dir := t.TempDir()
	if _, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}}); err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Owner: "acme", Repo: "shop", RepoPath: dir, SpecPath: spec})
	if err != nil {
		t.Fatal(err)
	}
	url := s.Start()
	t.Cleanup(s.Close)
	return s, url
}

// TestValidation shows that the fake holds clients to GitHub's description:
// a request the description does not allow is answered with 500 and kept.
func TestValidation(t *testing.T) {
	s, url := newFake(t)
	for _, tc := range []struct {
		method, path, body string
		want               string
	}{
		// "head" and "base" are required.
		{"POST", "/repos/acme/shop/pulls", `{"title":"x"}`, "does not match GitHub's OpenAPI description"},
		// state must be open, closed or all.
		{"GET", "/repos/acme/shop/pulls?state=merged", ``, "does not match GitHub's OpenAPI description"},
		// A path the fake does not serve.
		{"GET", "/repos/acme/shop/branches", ``, "does not serve"},
	} {
		req, _ := http.NewRequest(tc.method, url+tc.path, strings.NewReader(tc.body))
		if tc.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		errs := s.Errors()
		if resp.StatusCode < 400 || len(errs) == 0 || !strings.Contains(errs[len(errs)-1], tc.want) {
			t.Errorf("%s %s: status %d, errors %q; want an error with %q", tc.method, tc.path, resp.StatusCode, errs, tc.want)
		}
	}
}

// TestResponseValidation checks the fake's own shapes: a pull request
// without a required field is caught.
func TestResponseValidation(t *testing.T) {
	s, _ := newFake(t)
	route, err := s.v.route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "http://x/repos/acme/shop/pulls/1", nil)
	in, err := s.v.checkRequest(context.Background(), req, route, map[string]string{"owner": "acme", "repo": "shop", "pull_number": "1"})
	if err != nil {
		t.Fatal(err)
	}
	good := s.pullJSON(&pull{Number: 1, ID: 5, Title: "t", Head: "h", Base: "main", State: "open"}, true)
	h := http.Header{"Content-Type": {"application/json"}}
	if err := s.v.checkResponse(context.Background(), in, 200, h, mustJSON(t, good)); err != nil {
		t.Fatalf("the fake's pull request does not match the description: %v", err)
	}
	delete(good, "head")
	if err := s.v.checkResponse(context.Background(), in, 200, h, mustJSON(t, good)); err == nil || !strings.Contains(err.Error(), "head") {
		t.Fatalf("a pull request without head must be refused, got %v", err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
