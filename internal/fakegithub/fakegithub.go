// Package fakegithub is a stateful stand-in for the part of GitHub's REST
// API that schemasync uses: pull requests (list, create, read, edit,
// merge, those of a commit) and issue comments. Its repository is a bare
// git repository on disk that clients push to; merging through the API
// writes a merge commit there. Every request and response is checked
// against GitHub's OpenAPI description; mismatches are answered with 500
// and kept for Errors, so that a test fails on them.
package fakegithub

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// Options configure a fake.
type Options struct {
	Owner, Repo string
	// Repo is served from this bare repository.
	RepoPath      string
	DefaultBranch string
	// Token, when set, is required as the bearer token of every request.
	Token string
	// SpecPath is GitHub's OpenAPI description (SpecPath()); "" turns the
	// validation off, which only the fake's own unit tests may do.
	SpecPath string
}

// Server is the fake. Start it with Start, or serve it as an http.Handler.
type Server struct {
	opts Options
	git  BareRepo
	v    *validator

	mu       sync.Mutex
	pulls    []*pull
	comments []*comment
	nextID   int64
	errs     []string
	log      []string
	bodies   []string
	srv      *httptest.Server
	clock    time.Time
}

type pull struct {
	Number             int
	ID                 int64
	Title, Body        string
	Head, Base         string
	HeadSHA            string
	State              string
	Merged             bool
	MergeSHA           string
	Created, Updated   time.Time
	ClosedAt, MergedAt *time.Time
}

type comment struct {
	ID               int64
	Issue            int
	Body             string
	Created, Updated time.Time
}

// New makes a fake; it loads the OpenAPI description when one is given.
func New(opts Options) (*Server, error) {
	if opts.Owner == "" || opts.Repo == "" || opts.RepoPath == "" {
		return nil, fmt.Errorf("fakegithub: owner, repo and repository path are required")
	}
	if opts.DefaultBranch == "" {
		opts.DefaultBranch = "main"
	}
	s := &Server{opts: opts, git: BareRepo{Path: opts.RepoPath}, nextID: 1000, clock: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	if opts.SpecPath != "" {
		v, err := loadValidator(opts.SpecPath)
		if err != nil {
			return nil, err
		}
		s.v = v
	}
	return s, nil
}

// Start serves the fake on a loopback port; its URL is the API base URL.
func (s *Server) Start() string {
	s.srv = httptest.NewServer(s)
	return s.srv.URL
}

// Close stops a started fake.
func (s *Server) Close() {
	if s.srv != nil {
		s.srv.Close()
	}
}

// Errors are the requests and responses that did not match the OpenAPI
// description, and requests the fake could not serve.
func (s *Server) Errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.errs...)
}

// Log is one line per request served: "METHOD path -> status".
func (s *Server) Log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// Traffic is every request and response body, for tests that look for
// secrets in what was sent.
func (s *Server) Traffic() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.bodies, "\n")
}

// PullState is a pull request as tests see it.
type PullState struct {
	Number   int
	Title    string
	Body     string
	Head     string
	Base     string
	State    string
	Merged   bool
	MergeSHA string
	// Comments are the bodies of the pull request's comments, oldest first.
	Comments []string
}

// Pulls returns every pull request with its comments.
func (s *Server) Pulls() []PullState {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []PullState
	for _, p := range s.pulls {
		ps := PullState{Number: p.Number, Title: p.Title, Body: p.Body, Head: p.Head, Base: p.Base, State: p.State, Merged: p.Merged, MergeSHA: p.MergeSHA}
		for _, c := range s.comments {
			if c.Issue == p.Number {
				ps.Comments = append(ps.Comments, c.Body)
			}
		}
		out = append(out, ps)
	}
	return out
}

// now is the fake's clock: one second later at each call, so that
// timestamps are deterministic and ordered.
func (s *Server) now() time.Time {
	s.clock = s.clock.Add(time.Second)
	return s.clock
}

type route struct {
	method, pattern string
	handle          func(s *Server, r *http.Request, p map[string]string, body []byte) (int, any)
}

// routes are the operations the fake serves, by the OpenAPI path.
var routes = []route{
	{"GET", "/repos/{owner}/{repo}/pulls", (*Server).listPulls},
	{"POST", "/repos/{owner}/{repo}/pulls", (*Server).createPull},
	{"GET", "/repos/{owner}/{repo}/pulls/{pull_number}", (*Server).getPull},
	{"PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}", (*Server).editPull},
	{"PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", (*Server).mergePull},
	{"GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", (*Server).commitPulls},
	{"GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (*Server).listComments},
	{"POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (*Server).createComment},
	{"PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (*Server).editComment},
}

func match(pattern, path string) (map[string]string, bool) {
	ps, xs := strings.Split(strings.Trim(pattern, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return nil, false
	}
	params := map[string]string{}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") {
			params[strings.Trim(p, "{}")] = xs[i]
			continue
		}
		if p != xs[i] {
			return nil, false
		}
	}
	return params, true
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	defer s.mu.Unlock()
	status, resp := s.serve(r, body)
	data, _ := json.Marshal(resp)
	if resp == nil {
		data = nil
	}
	s.log = append(s.log, fmt.Sprintf("%s %s -> %d", r.Method, r.URL.Path, status))
	s.bodies = append(s.bodies, string(body), string(data))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(data)
}

func (s *Server) serve(r *http.Request, body []byte) (int, any) {
	if s.opts.Token != "" {
		auth := r.Header.Get("Authorization")
		if auth != "Bearer "+s.opts.Token && auth != "token "+s.opts.Token {
			return 401, ghError("Bad credentials")
		}
	}
	for _, rt := range routes {
		if rt.method != r.Method {
			continue
		}
		params, ok := match(rt.pattern, r.URL.Path)
		if !ok {
			continue
		}
		if params["owner"] != s.opts.Owner || params["repo"] != s.opts.Repo {
			return 404, ghError("Not Found")
		}
		ctx := context.Background()
		var in *openapi3filter.RequestValidationInput
		if s.v != nil {
			route, err := s.v.route(rt.method, rt.pattern)
			if err != nil {
				s.errs = append(s.errs, err.Error())
				return 500, ghError(err.Error())
			}
			var err2 error
			if in, err2 = s.v.checkRequest(ctx, r, route, params); err2 != nil {
				s.errs = append(s.errs, err2.Error())
				return 500, ghError(err2.Error())
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		status, resp := rt.handle(s, r, params, body)
		if s.v != nil {
			data, _ := json.Marshal(resp)
			h := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
			if err := s.v.checkResponse(ctx, in, status, h, data); err != nil {
				s.errs = append(s.errs, err.Error())
				return 500, ghError(err.Error())
			}
		}
		return status, resp
	}
	s.errs = append(s.errs, fmt.Sprintf("the fake does not serve %s %s", r.Method, r.URL.Path))
	return 404, ghError("Not Found")
}

func ghError(msg string) map[string]any {
	return map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest", "status": "error"}
}

func validationFailed(msg string) (int, any) {
	return 422, map[string]any{
		"message": "Validation Failed", "documentation_url": "https://docs.github.com/rest",
		"errors": []any{map[string]any{"resource": "PullRequest", "code": "custom", "message": msg}},
	}
}

func (s *Server) pull(number string) *pull {
	n, err := strconv.Atoi(number)
	if err != nil {
		return nil
	}
	for _, p := range s.pulls {
		if p.Number == n {
			return p
		}
	}
	return nil
}

// refresh reads the head's commit from the repository while the pull
// request is open, as pushes move it.
func (s *Server) refresh(p *pull) {
	if p.State != "open" {
		return
	}
	if h, err := s.git.Branch(p.Head); err == nil && h != "" {
		p.HeadSHA = h
	}
}

func (s *Server) listPulls(r *http.Request, _ map[string]string, _ []byte) (int, any) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	head := q.Get("head")
	if o, b, ok := strings.Cut(head, ":"); ok {
		if o != s.opts.Owner {
			return 200, []any{}
		}
		head = b
	}
	out := []any{}
	for _, p := range s.pulls {
		s.refresh(p)
		if (state != "all" && p.State != state) || (head != "" && p.Head != head) || (q.Get("base") != "" && p.Base != q.Get("base")) {
			continue
		}
		out = append(out, s.pullJSON(p, false))
	}
	return 200, out
}

func (s *Server) createPull(_ *http.Request, _ map[string]string, body []byte) (int, any) {
	var in struct {
		Title, Body, Head, Base string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return 400, ghError("Problems parsing JSON")
	}
	head := in.Head
	if o, b, ok := strings.Cut(head, ":"); ok && o == s.opts.Owner {
		head = b
	}
	hs, err := s.git.Branch(head)
	if err != nil {
		return 500, ghError(err.Error())
	}
	bs, err := s.git.Branch(in.Base)
	if err != nil {
		return 500, ghError(err.Error())
	}
	switch {
	case hs == "":
		return validationFailed("head branch " + head + " does not exist")
	case bs == "":
		return validationFailed("base branch " + in.Base + " does not exist")
	}
	for _, p := range s.pulls {
		if p.State == "open" && p.Head == head && p.Base == in.Base {
			return validationFailed(fmt.Sprintf("A pull request already exists for %s:%s.", s.opts.Owner, head))
		}
	}
	if ahead, err := s.git.Ahead(bs, hs); err != nil || !ahead {
		return validationFailed("No commits between " + in.Base + " and " + head)
	}
	t := s.now()
	s.nextID++
	p := &pull{Number: len(s.pulls) + 1, ID: s.nextID, Title: in.Title, Body: in.Body, Head: head, Base: in.Base, HeadSHA: hs, State: "open", Created: t, Updated: t}
	s.pulls = append(s.pulls, p)
	return 201, s.pullJSON(p, true)
}

func (s *Server) getPull(_ *http.Request, params map[string]string, _ []byte) (int, any) {
	p := s.pull(params["pull_number"])
	if p == nil {
		return 404, ghError("Not Found")
	}
	s.refresh(p)
	return 200, s.pullJSON(p, true)
}

func (s *Server) editPull(_ *http.Request, params map[string]string, body []byte) (int, any) {
	p := s.pull(params["pull_number"])
	if p == nil {
		return 404, ghError("Not Found")
	}
	var in struct {
		Title *string
		Body  *string
		State *string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return 400, ghError("Problems parsing JSON")
	}
	if in.Title != nil {
		p.Title = *in.Title
	}
	if in.Body != nil {
		p.Body = *in.Body
	}
	if in.State != nil && !p.Merged {
		p.State = *in.State
	}
	p.Updated = s.now()
	s.refresh(p)
	return 200, s.pullJSON(p, true)
}

func (s *Server) mergePull(_ *http.Request, params map[string]string, _ []byte) (int, any) {
	p := s.pull(params["pull_number"])
	if p == nil {
		return 404, ghError("Not Found")
	}
	if p.State != "open" {
		return 405, ghError("Pull Request is not mergeable")
	}
	s.refresh(p)
	t := s.now()
	sha, err := s.git.Merge(p.Base, p.Head, fmt.Sprintf("Merge pull request #%d from %s/%s\n\n%s", p.Number, s.opts.Owner, p.Head, p.Title), t)
	if err != nil {
		return 405, ghError("Pull Request is not mergeable: " + err.Error())
	}
	p.State, p.Merged, p.MergeSHA, p.Updated = "closed", true, sha, t
	p.ClosedAt, p.MergedAt = &t, &t
	return 200, map[string]any{"sha": sha, "merged": true, "message": "Pull Request successfully merged"}
}

// MergePull merges a pull request as a reviewer pressing the button would.
func (s *Server) MergePull(number int) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	status, resp := s.mergePull(nil, map[string]string{"pull_number": strconv.Itoa(number)}, nil)
	if status != 200 {
		return "", fmt.Errorf("merge #%d: %d %v", number, status, resp)
	}
	return resp.(map[string]any)["sha"].(string), nil
}

func (s *Server) commitPulls(_ *http.Request, params map[string]string, _ []byte) (int, any) {
	sha := params["commit_sha"]
	out := []any{}
	for _, p := range s.pulls {
		s.refresh(p)
		if p.MergeSHA == sha || p.HeadSHA == sha {
			out = append(out, s.pullJSON(p, false))
		}
	}
	return 200, out
}

func (s *Server) issueExists(number string) bool { return s.pull(number) != nil }

func (s *Server) listComments(r *http.Request, params map[string]string, _ []byte) (int, any) {
	if !s.issueExists(params["issue_number"]) {
		return 404, ghError("Not Found")
	}
	n, _ := strconv.Atoi(params["issue_number"])
	var all []*comment
	for _, c := range s.comments {
		if c.Issue == n {
			all = append(all, c)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	page, per := 1, 30
	if v, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && v > 0 {
		page = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && v > 0 {
		per = min(v, 100)
	}
	out := []any{}
	for i := (page - 1) * per; i < len(all) && i < page*per; i++ {
		out = append(out, s.commentJSON(all[i]))
	}
	return 200, out
}

func (s *Server) createComment(_ *http.Request, params map[string]string, body []byte) (int, any) {
	if !s.issueExists(params["issue_number"]) {
		return 404, ghError("Not Found")
	}
	var in struct{ Body string }
	if err := json.Unmarshal(body, &in); err != nil {
		return 400, ghError("Problems parsing JSON")
	}
	n, _ := strconv.Atoi(params["issue_number"])
	t := s.now()
	s.nextID++
	c := &comment{ID: s.nextID, Issue: n, Body: in.Body, Created: t, Updated: t}
	s.comments = append(s.comments, c)
	return 201, s.commentJSON(c)
}

func (s *Server) editComment(_ *http.Request, params map[string]string, body []byte) (int, any) {
	id, _ := strconv.ParseInt(params["comment_id"], 10, 64)
	var in struct{ Body string }
	if err := json.Unmarshal(body, &in); err != nil {
		return 400, ghError("Problems parsing JSON")
	}
	for _, c := range s.comments {
		if c.ID == id {
			c.Body, c.Updated = in.Body, s.now()
			return 200, s.commentJSON(c)
		}
	}
	return 404, ghError("Not Found")
}

// The JSON shapes below carry every field GitHub's description requires.

const web = "https://github.example"

func (s *Server) api() string {
	if s.srv != nil {
		return s.srv.URL
	}
	return "http://fake-github.invalid"
}

func (s *Server) userJSON(login string, id int64) map[string]any {
	u := s.api() + "/users/" + login
	return map[string]any{
		"login": login, "id": id, "node_id": "U_" + login, "avatar_url": web + "/avatars/" + login, "gravatar_id": "",
		"url": u, "html_url": web + "/" + login, "followers_url": u + "/followers", "following_url": u + "/following{/other_user}",
		"gists_url": u + "/gists{/gist_id}", "starred_url": u + "/starred{/owner}{/repo}", "subscriptions_url": u + "/subscriptions",
		"organizations_url": u + "/orgs", "repos_url": u + "/repos", "events_url": u + "/events{/privacy}",
		"received_events_url": u + "/received_events", "type": "User", "site_admin": false,
	}
}

func (s *Server) repoJSON() map[string]any {
	full := s.opts.Owner + "/" + s.opts.Repo
	u := s.api() + "/repos/" + full
	t := "2024-01-01T00:00:00Z"
	m := map[string]any{
		"id": 1, "node_id": "R_1", "name": s.opts.Repo, "full_name": full, "owner": s.userJSON(s.opts.Owner, 1),
		"private": false, "html_url": web + "/" + full, "description": nil, "fork": false, "url": u,
		"clone_url": "file://" + s.opts.RepoPath, "git_url": "git://github.example/" + full + ".git",
		"ssh_url": "git@github.example:" + full + ".git", "svn_url": web + "/" + full, "mirror_url": nil, "homepage": nil,
		"language": nil, "forks": 0, "forks_count": 0, "stargazers_count": 0, "watchers": 0, "watchers_count": 0, "size": 1,
		"default_branch": s.opts.DefaultBranch, "open_issues": 0, "open_issues_count": 0,
		"has_issues": true, "has_projects": false, "has_wiki": false, "has_pages": false, "has_downloads": false,
		"archived": false, "disabled": false, "license": nil, "pushed_at": t, "created_at": t, "updated_at": t,
	}
	for k, v := range map[string]string{
		"archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}", "blobs_url": "/git/blobs{/sha}",
		"branches_url": "/branches{/branch}", "collaborators_url": "/collaborators{/collaborator}", "comments_url": "/comments{/number}",
		"commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}", "contents_url": "/contents/{+path}",
		"contributors_url": "/contributors", "deployments_url": "/deployments", "downloads_url": "/downloads", "events_url": "/events",
		"forks_url": "/forks", "git_commits_url": "/git/commits{/sha}", "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}",
		"hooks_url": "/hooks", "issue_comment_url": "/issues/comments{/number}", "issue_events_url": "/issues/events{/number}",
		"issues_url": "/issues{/number}", "keys_url": "/keys{/key_id}", "labels_url": "/labels{/name}", "languages_url": "/languages",
		"merges_url": "/merges", "milestones_url": "/milestones{/number}", "notifications_url": "/notifications{?since,all,participating}",
		"pulls_url": "/pulls{/number}", "releases_url": "/releases{/id}", "stargazers_url": "/stargazers", "statuses_url": "/statuses/{sha}",
		"subscribers_url": "/subscribers", "subscription_url": "/subscription", "tags_url": "/tags", "teams_url": "/teams", "trees_url": "/git/trees{/sha}",
	} {
		m[k] = u + v
	}
	return m
}

func ts(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// pullJSON renders a pull request; full adds the fields of the
// "pull-request" schema to those of "pull-request-simple".
func (s *Server) pullJSON(p *pull, full bool) map[string]any {
	full_ := s.opts.Owner + "/" + s.opts.Repo
	u := fmt.Sprintf("%s/repos/%s/pulls/%d", s.api(), full_, p.Number)
	iu := fmt.Sprintf("%s/repos/%s/issues/%d", s.api(), full_, p.Number)
	html := fmt.Sprintf("%s/%s/pull/%d", web, full_, p.Number)
	owner := s.userJSON(s.opts.Owner, 1)
	bot := s.userJSON("schemasync-bot", 2)
	baseSHA, _ := s.git.Branch(p.Base)
	branch := func(ref, sha string) map[string]any {
		return map[string]any{"label": s.opts.Owner + ":" + ref, "ref": ref, "sha": sha, "user": owner, "repo": s.repoJSON()}
	}
	link := func(h string) map[string]any { return map[string]any{"href": h} }
	var mergeSHA any
	if p.MergeSHA != "" {
		mergeSHA = p.MergeSHA
	}
	m := map[string]any{
		"url": u, "id": p.ID, "node_id": fmt.Sprintf("PR_%d", p.ID), "html_url": html, "diff_url": html + ".diff", "patch_url": html + ".patch",
		"issue_url": iu, "commits_url": u + "/commits", "review_comments_url": u + "/comments",
		"review_comment_url": s.api() + "/repos/" + full_ + "/pulls/comments{/number}", "comments_url": iu + "/comments",
		"statuses_url": s.api() + "/repos/" + full_ + "/statuses/" + p.HeadSHA,
		"number":       p.Number, "state": p.State, "locked": false, "title": p.Title, "user": bot, "body": p.Body,
		"labels": []any{}, "milestone": nil, "assignee": nil, "active_lock_reason": nil,
		"created_at": ts(&p.Created), "updated_at": ts(&p.Updated), "closed_at": ts(p.ClosedAt), "merged_at": ts(p.MergedAt),
		"merge_commit_sha": mergeSHA, "head": branch(p.Head, p.HeadSHA), "base": branch(p.Base, baseSHA),
		"author_association": "CONTRIBUTOR", "auto_merge": nil, "draft": false,
		"_links": map[string]any{
			"self": link(u), "html": link(html), "issue": link(iu), "comments": link(iu + "/comments"),
			"review_comments": link(u + "/comments"), "review_comment": link(s.api() + "/repos/" + full_ + "/pulls/comments{/number}"),
			"commits": link(u + "/commits"), "statuses": link(s.api() + "/repos/" + full_ + "/statuses/" + p.HeadSHA),
		},
	}
	if full {
		var mergedBy any
		if p.Merged {
			mergedBy = owner
		}
		comments := 0
		for _, c := range s.comments {
			if c.Issue == p.Number {
				comments++
			}
		}
		m["merged"] = p.Merged
		m["mergeable"] = nil
		m["mergeable_state"] = "unknown"
		m["merged_by"] = mergedBy
		m["maintainer_can_modify"] = false
		m["comments"] = comments
		m["review_comments"] = 0
		m["commits"] = 1
		m["additions"] = 0
		m["deletions"] = 0
		m["changed_files"] = 0
	}
	return m
}

func (s *Server) commentJSON(c *comment) map[string]any {
	full := s.opts.Owner + "/" + s.opts.Repo
	return map[string]any{
		"id": c.ID, "node_id": fmt.Sprintf("IC_%d", c.ID), "body": c.Body,
		"url":        fmt.Sprintf("%s/repos/%s/issues/comments/%d", s.api(), full, c.ID),
		"html_url":   fmt.Sprintf("%s/%s/pull/%d#issuecomment-%d", web, full, c.Issue, c.ID),
		"issue_url":  fmt.Sprintf("%s/repos/%s/issues/%d", s.api(), full, c.Issue),
		"user":       s.userJSON("schemasync-bot", 2),
		"created_at": ts(&c.Created), "updated_at": ts(&c.Updated), "author_association": "CONTRIBUTOR",
	}
}
