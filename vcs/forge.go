package vcs

// The forges (GitHub, GitLab) behind one small interface: requests (pull
// requests or merge requests) and their comments. Everything a forge
// client needs — base URL, token, repository, the request a pipeline runs
// for — comes from the environment the CI sets, so that the same binary
// runs against a real forge and against a local fake.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// Forge is a hosting service's API for one repository (GitHub) or project
// (GitLab).
type Forge interface {
	// Name is "github" or "gitlab".
	Name() string
	// FindOpenRequest returns the open request from branch head into base,
	// or nil when there is none.
	FindOpenRequest(ctx context.Context, head, base string) (*Request, error)
	GetRequest(ctx context.Context, number int64) (*Request, error)
	CreateRequest(ctx context.Context, r NewRequest) (*Request, error)
	// UpdateRequest sets the title and the description.
	UpdateRequest(ctx context.Context, number int64, title, body string) (*Request, error)
	// RequestsForCommit lists the requests a commit belongs to: those it
	// merged and those whose head it is.
	RequestsForCommit(ctx context.Context, sha string) ([]*Request, error)
	// Comments lists a request's comments (GitHub) or notes (GitLab),
	// oldest first.
	Comments(ctx context.Context, number int64) ([]Comment, error)
	CreateComment(ctx context.Context, number int64, body string) (Comment, error)
	EditComment(ctx context.Context, number, id int64, body string) (Comment, error)
	// PushAuth is the credential to push to the forge's repository over
	// HTTPS (nil when there is no token).
	PushAuth() transport.AuthMethod
	// Secrets lists the values that must never be printed (the token).
	Secrets() []string
}

// Request is a pull request (GitHub) or merge request (GitLab). Number is
// the number people see (#12, !12).
type Request struct {
	Number  int64  `json:"number"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	Head    string `json:"head"`
	Base    string `json:"base"`
	HeadSHA string `json:"head_sha"`
	// State is "open", "closed" or "merged".
	State    string `json:"state"`
	MergeSHA string `json:"merge_sha,omitempty"`
}

// NewRequest is what CreateRequest needs.
type NewRequest struct {
	Title, Body string
	Head, Base  string
}

// Comment is a request's comment or note.
type Comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
	URL  string `json:"url,omitempty"`
}

// Markers find schemasync's own comments: by their hidden text, not by
// their author, because the token's user differs between CI setups.
const (
	PreviewMarker = "<!-- schemasync:preview -->"
	ApplyMarker   = "<!-- schemasync:apply -->"
)

// Upsert outcomes.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// UpsertComment makes the request hold exactly one comment with marker,
// whose text is body (the marker is put first when body lacks it). It
// edits the existing comment only when its text differs, and returns what
// it did: Created, Updated or Unchanged.
func UpsertComment(ctx context.Context, f Forge, number int64, marker, body string) (Comment, string, error) {
	if !strings.Contains(body, marker) {
		body = marker + "\n" + body
	}
	comments, err := f.Comments(ctx, number)
	if err != nil {
		return Comment{}, "", err
	}
	for _, c := range comments {
		if !strings.Contains(c.Body, marker) {
			continue
		}
		if sameText(c.Body, body) {
			return c, Unchanged, nil
		}
		c, err := f.EditComment(ctx, number, c.ID, body)
		return c, Updated, err
	}
	c, err := f.CreateComment(ctx, number, body)
	return c, Created, err
}

// sameText compares comment bodies as forges store them: GitHub keeps
// \r\n that a browser sent, GitLab trims trailing space.
func sameText(a, b string) bool {
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return norm(a) == norm(b)
}

// ForgeOptions configure NewForge.
type ForgeOptions struct {
	// Kind is "github", "gitlab" or "" to detect it from the environment.
	Kind string
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// HTTP is the client to use (a client with a timeout when nil).
	HTTP *http.Client
}

// NewForge makes the forge client the environment describes.
//
// GitHub: GITHUB_API_URL (default https://api.github.com), GITHUB_TOKEN
// (or SCHEMASYNC_GITHUB_TOKEN), GITHUB_REPOSITORY (owner/name).
// GitLab: CI_API_V4_URL (default https://gitlab.com/api/v4), GITLAB_TOKEN
// (or SCHEMASYNC_GITLAB_TOKEN), CI_PROJECT_ID (or CI_PROJECT_PATH).
func NewForge(opts ForgeOptions) (Forge, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	hc := opts.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	kind := opts.Kind
	if kind == "" || kind == "auto" {
		kind = DetectForge(getenv)
		if kind == "" {
			return nil, errors.New("no forge: set GITHUB_REPOSITORY (GitHub) or CI_PROJECT_ID (GitLab), or choose one with --forge")
		}
	}
	switch kind {
	case "github":
		return newGitHub(getenv, hc)
	case "gitlab":
		return newGitLab(getenv, hc)
	}
	return nil, fmt.Errorf("unknown forge %q: github or gitlab", kind)
}

// DetectForge names the forge whose CI variables are set, "" when none.
func DetectForge(getenv func(string) string) string {
	switch {
	case getenv("GITHUB_ACTIONS") == "true" || getenv("GITHUB_REPOSITORY") != "":
		return "github"
	case getenv("GITLAB_CI") == "true" || getenv("CI_PROJECT_ID") != "" || getenv("CI_API_V4_URL") != "":
		return "gitlab"
	}
	return ""
}

// RequestFromEnv returns the number of the request the pipeline runs for:
// on GitHub the pull_request (or issue) of the event in GITHUB_EVENT_PATH,
// on GitLab CI_MERGE_REQUEST_IID. It returns 0 when there is none.
func RequestFromEnv(kind string, getenv func(string) string) (int64, error) {
	switch kind {
	case "github":
		p := getenv("GITHUB_EVENT_PATH")
		if p == "" {
			return 0, nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return 0, fmt.Errorf("read the GitHub event: %w", err)
		}
		var ev struct {
			Number      int64 `json:"number"`
			PullRequest *struct {
				Number int64 `json:"number"`
			} `json:"pull_request"`
			Issue *struct {
				Number      int64           `json:"number"`
				PullRequest json.RawMessage `json:"pull_request"`
			} `json:"issue"`
		}
		if err := json.Unmarshal(data, &ev); err != nil {
			return 0, fmt.Errorf("read the GitHub event %s: %w", p, err)
		}
		switch {
		case ev.PullRequest != nil:
			return ev.PullRequest.Number, nil
		case ev.Issue != nil && len(ev.Issue.PullRequest) > 0:
			return ev.Issue.Number, nil
		}
		return 0, nil
	case "gitlab":
		v := getenv("CI_MERGE_REQUEST_IID")
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("CI_MERGE_REQUEST_IID %q is not a number", v)
		}
		return n, nil
	}
	return 0, fmt.Errorf("unknown forge %q", kind)
}

// CommitFromEnv is the commit the pipeline runs for (GITHUB_SHA,
// CI_COMMIT_SHA), "" when unset.
func CommitFromEnv(getenv func(string) string) string {
	return firstSet(getenv("GITHUB_SHA"), getenv("CI_COMMIT_SHA"))
}

// BranchFromEnv is the branch the pipeline runs on, "" when unknown.
func BranchFromEnv(getenv func(string) string) string {
	if getenv("GITHUB_REF_TYPE") == "branch" || strings.HasPrefix(getenv("GITHUB_REF"), "refs/heads/") {
		if n := getenv("GITHUB_REF_NAME"); n != "" {
			return n
		}
		return strings.TrimPrefix(getenv("GITHUB_REF"), "refs/heads/")
	}
	return getenv("CI_COMMIT_BRANCH")
}

// DefaultBranchFromEnv is the repository's default branch when the CI
// tells it (GitLab's CI_DEFAULT_BRANCH, GitHub's event), "" otherwise.
func DefaultBranchFromEnv(getenv func(string) string) string {
	if b := getenv("CI_DEFAULT_BRANCH"); b != "" {
		return b
	}
	if p := getenv("GITHUB_EVENT_PATH"); p != "" {
		var ev struct {
			Repository struct {
				DefaultBranch string `json:"default_branch"`
			} `json:"repository"`
		}
		if data, err := os.ReadFile(p); err == nil && json.Unmarshal(data, &ev) == nil {
			return ev.Repository.DefaultBranch
		}
	}
	return ""
}

// basicAuth is the HTTPS push credential for a token; user is what the
// forge expects as the user name of token logins.
func basicAuth(user, token string) transport.AuthMethod {
	if token == "" {
		return nil
	}
	return &githttp.BasicAuth{Username: user, Password: token}
}

// Scrub removes secrets and URL passwords from a message.
func Scrub(msg string, secrets []string) string {
	for _, s := range secrets {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "[REDACTED]")
		}
	}
	return scrubURLUser(msg)
}

// ScrubError wraps err so that its text carries no secret; errors.Is and
// errors.As still see the original.
func ScrubError(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	return &scrubbed{err: err, msg: Scrub(err.Error(), secrets)}
}

type scrubbed struct {
	err error
	msg string
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.err }

// scrubURLUser hides the password of URLs such as
// https://gitlab-ci-token:SECRET@host/x.git, as CI remotes carry.
func scrubURLUser(msg string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, "://")
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i+3])
		rest := msg[i+3:]
		end := strings.IndexAny(rest, " \t\n\"'<>/")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndexByte(rest[:end], '@'); at >= 0 {
			user := rest[:at]
			if c := strings.IndexByte(user, ':'); c >= 0 {
				user = user[:c] + ":xxxxx"
			}
			b.WriteString(user + "@")
			rest = rest[at+1:]
		}
		msg = rest
	}
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// apiBase parses an API base URL and gives it the trailing slash that the
// clients join paths onto.
func apiBase(raw, name string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("%s %q is not an http(s) URL", name, Scrub(raw, nil))
	}
	if u.User != nil {
		return nil, fmt.Errorf("%s must not carry credentials: put the token in its own variable", name)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}
