// Package fakegitlab is a stateful stand-in for the part of GitLab's REST
// API (v4) that schemasync uses: merge requests (list, create, read,
// update, accept, those of a commit) and their notes. Its responses are
// shaped by the response examples in client-go's testdata (TemplateDir):
// each merge request is the example with this fake's values put in, so
// the keys and types are those the client is tested with. The project's
// repository is a bare git repository on disk; accepting a merge request
// writes a merge commit there.
package fakegitlab

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schemasync/schemasync/internal/fakegithub"
)

// ClientModule is the module whose testdata shapes the responses.
const ClientModule = "gitlab.com/gitlab-org/api/client-go/v2"

// TemplateDir finds client-go's testdata directory in the module cache
// (go list, so the version is the one go.mod requires).
func TemplateDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", ClientModule).Output()
	if err != nil {
		return "", fmt.Errorf("find %s with go list: %w", ClientModule, err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "testdata")
	if _, err := os.Stat(filepath.Join(dir, "get_merge_request.json")); err != nil {
		return "", fmt.Errorf("client-go's testdata is missing: %w", err)
	}
	return dir, nil
}

// Options configure a fake.
type Options struct {
	ProjectID   int64
	ProjectPath string // group/name
	RepoPath    string // the bare repository
	// Token, when set, is required in PRIVATE-TOKEN or as a bearer token.
	Token string
	// TemplateDir is client-go's testdata (TemplateDir()).
	TemplateDir string
}

// Server is the fake.
type Server struct {
	opts             Options
	git              fakegithub.BareRepo
	mrTemplate       map[string]any
	mrListTemplate   map[string]any
	userTemplate     map[string]any
	mu               sync.Mutex
	mrs              []*mergeRequest
	notes            []*note
	nextID           int64
	errs, log, trace []string
	srv              *httptest.Server
	clock            time.Time
}

type mergeRequest struct {
	ID, IID            int64
	Title, Description string
	Source, Target     string
	SHA, MergeSHA      string
	State              string
	Created, Updated   time.Time
	MergedAt           *time.Time
}

type note struct {
	ID, MR           int64
	Body             string
	System           bool
	Created, Updated time.Time
}

// New makes a fake from client-go's response examples.
func New(opts Options) (*Server, error) {
	if opts.ProjectID == 0 || opts.ProjectPath == "" || opts.RepoPath == "" || opts.TemplateDir == "" {
		return nil, fmt.Errorf("fakegitlab: project id, path, repository and template directory are required")
	}
	s := &Server{opts: opts, git: fakegithub.BareRepo{Path: opts.RepoPath}, nextID: 5000, clock: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	if err := readJSON(filepath.Join(opts.TemplateDir, "get_merge_request.json"), &s.mrTemplate); err != nil {
		return nil, err
	}
	var list []map[string]any
	if err := readJSON(filepath.Join(opts.TemplateDir, "get_merge_requests.json"), &list); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("fakegitlab: get_merge_requests.json holds no example")
	}
	s.mrListTemplate = list[0]
	author, ok := s.mrTemplate["author"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("fakegitlab: get_merge_request.json has no author example")
	}
	s.userTemplate = author
	return s, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("fakegitlab: read template: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("fakegitlab: template %s: %w", path, err)
	}
	return nil
}

// Start serves the fake on a loopback port and returns the API base URL
// (…/api/v4), the value of CI_API_V4_URL.
func (s *Server) Start() string {
	s.srv = httptest.NewServer(s)
	return s.srv.URL + "/api/v4"
}

// Close stops a started fake.
func (s *Server) Close() {
	if s.srv != nil {
		s.srv.Close()
	}
}

// Errors are requests the fake could not serve.
func (s *Server) Errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.errs...)
}

// Log is one line per request: "METHOD path -> status".
func (s *Server) Log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// Traffic is every request and response body.
func (s *Server) Traffic() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.trace, "\n")
}

// MRState is a merge request as tests see it.
type MRState struct {
	IID            int64
	Title, Body    string
	Source, Target string
	State          string
	MergeSHA       string
	// Notes are the bodies of its notes (system notes left out), oldest first.
	Notes []string
}

// MergeRequests returns every merge request with its notes.
func (s *Server) MergeRequests() []MRState {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []MRState
	for _, m := range s.mrs {
		st := MRState{IID: m.IID, Title: m.Title, Body: m.Description, Source: m.Source, Target: m.Target, State: m.State, MergeSHA: m.MergeSHA}
		for _, n := range s.notes {
			if n.MR == m.IID && !n.System {
				st.Notes = append(st.Notes, n.Body)
			}
		}
		out = append(out, st)
	}
	return out
}

func (s *Server) now() time.Time {
	s.clock = s.clock.Add(time.Second)
	return s.clock
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	status, resp := s.serve(r, body)
	data, _ := json.Marshal(resp)
	s.log = append(s.log, fmt.Sprintf("%s %s -> %d", r.Method, r.URL.EscapedPath(), status))
	s.trace = append(s.trace, string(body), string(data))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(data)
}

func glError(msg string) map[string]any { return map[string]any{"message": msg} }

func (s *Server) serve(r *http.Request, body []byte) (int, any) {
	if s.opts.Token != "" && r.Header.Get("PRIVATE-TOKEN") != s.opts.Token && r.Header.Get("Authorization") != "Bearer "+s.opts.Token {
		return 401, glError("401 Unauthorized")
	}
	parts := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	if len(parts) < 4 || parts[0] != "api" || parts[1] != "v4" || parts[2] != "projects" {
		return s.unknown(r)
	}
	pid, _ := url.PathUnescape(parts[3])
	if pid != strconv.FormatInt(s.opts.ProjectID, 10) && pid != s.opts.ProjectPath {
		return 404, glError("404 Project Not Found")
	}
	rest := parts[4:]
	form := func() (map[string]string, error) {
		out := map[string]string{}
		if len(body) == 0 {
			return out, nil
		}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				return nil, err
			}
			for k, v := range m {
				out[k] = fmt.Sprint(v)
			}
			return out, nil
		}
		q, err := url.ParseQuery(string(body))
		for k := range q {
			out[k] = q.Get(k)
		}
		return out, err
	}
	switch {
	case len(rest) == 1 && rest[0] == "merge_requests" && r.Method == "GET":
		return s.listMRs(r.URL.Query())
	case len(rest) == 1 && rest[0] == "merge_requests" && r.Method == "POST":
		f, err := form()
		if err != nil {
			return 400, glError("400 Bad request - " + err.Error())
		}
		return s.createMR(f)
	case len(rest) == 2 && rest[0] == "merge_requests":
		m := s.mr(rest[1])
		if m == nil {
			return 404, glError("404 Not found")
		}
		switch r.Method {
		case "GET":
			return 200, s.mrJSON(m, s.mrTemplate)
		case "PUT":
			f, err := form()
			if err != nil {
				return 400, glError("400 Bad request - " + err.Error())
			}
			if v, ok := f["title"]; ok {
				m.Title = v
			}
			if v, ok := f["description"]; ok {
				m.Description = v
			}
			m.Updated = s.now()
			return 200, s.mrJSON(m, s.mrTemplate)
		}
	case len(rest) == 3 && rest[0] == "merge_requests" && rest[2] == "merge" && r.Method == "PUT":
		m := s.mr(rest[1])
		if m == nil {
			return 404, glError("404 Not found")
		}
		return s.accept(m)
	case len(rest) == 3 && rest[0] == "merge_requests" && rest[2] == "notes":
		m := s.mr(rest[1])
		if m == nil {
			return 404, glError("404 Not found")
		}
		switch r.Method {
		case "GET":
			return s.listNotes(m, r.URL.Query())
		case "POST":
			f, err := form()
			if err != nil || f["body"] == "" {
				return 400, glError("400 Bad request - body is missing")
			}
			t := s.now()
			s.nextID++
			n := &note{ID: s.nextID, MR: m.IID, Body: f["body"], Created: t, Updated: t}
			s.notes = append(s.notes, n)
			return 201, s.noteJSON(n)
		}
	case len(rest) == 4 && rest[0] == "merge_requests" && rest[2] == "notes" && r.Method == "PUT":
		m := s.mr(rest[1])
		id, _ := strconv.ParseInt(rest[3], 10, 64)
		f, err := form()
		if m == nil || err != nil {
			return 404, glError("404 Not found")
		}
		for _, n := range s.notes {
			if n.ID == id && n.MR == m.IID {
				n.Body, n.Updated = f["body"], s.now()
				return 200, s.noteJSON(n)
			}
		}
		return 404, glError("404 Note Not Found")
	case len(rest) == 4 && rest[0] == "repository" && rest[1] == "commits" && rest[3] == "merge_requests" && r.Method == "GET":
		out := []any{}
		for _, m := range s.mrs {
			s.refresh(m)
			if m.SHA == rest[2] || m.MergeSHA == rest[2] {
				out = append(out, s.mrJSON(m, s.mrListTemplate))
			}
		}
		return 200, out
	}
	return s.unknown(r)
}

func (s *Server) unknown(r *http.Request) (int, any) {
	s.errs = append(s.errs, fmt.Sprintf("the fake does not serve %s %s", r.Method, r.URL.EscapedPath()))
	return 404, glError("404 Not Found")
}

func (s *Server) mr(iid string) *mergeRequest {
	n, err := strconv.ParseInt(iid, 10, 64)
	if err != nil {
		return nil
	}
	for _, m := range s.mrs {
		if m.IID == n {
			s.refresh(m)
			return m
		}
	}
	return nil
}

func (s *Server) refresh(m *mergeRequest) {
	if m.State != "opened" {
		return
	}
	if h, err := s.git.Branch(m.Source); err == nil && h != "" {
		m.SHA = h
	}
}

func (s *Server) listMRs(q url.Values) (int, any) {
	out := []any{}
	for _, m := range s.mrs {
		s.refresh(m)
		if st := q.Get("state"); st != "" && st != "all" && m.State != st {
			continue
		}
		if v := q.Get("source_branch"); v != "" && m.Source != v {
			continue
		}
		if v := q.Get("target_branch"); v != "" && m.Target != v {
			continue
		}
		out = append(out, s.mrJSON(m, s.mrListTemplate))
	}
	return 200, out
}

func (s *Server) createMR(f map[string]string) (int, any) {
	src, dst := f["source_branch"], f["target_branch"]
	if f["title"] == "" || src == "" || dst == "" {
		return 400, glError("400 Bad request - title, source_branch and target_branch are required")
	}
	hs, err := s.git.Branch(src)
	if err != nil || hs == "" {
		return 400, glError("Source branch does not exist")
	}
	bs, err := s.git.Branch(dst)
	if err != nil || bs == "" {
		return 400, glError("Target branch does not exist")
	}
	for _, m := range s.mrs {
		if m.State == "opened" && m.Source == src && m.Target == dst {
			return 409, map[string]any{"message": []string{fmt.Sprintf("Another open merge request already exists for this source branch: !%d", m.IID)}}
		}
	}
	t := s.now()
	s.nextID++
	m := &mergeRequest{ID: s.nextID, IID: int64(len(s.mrs) + 1), Title: f["title"], Description: f["description"], Source: src, Target: dst, SHA: hs, State: "opened", Created: t, Updated: t}
	s.mrs = append(s.mrs, m)
	return 201, s.mrJSON(m, s.mrTemplate)
}

func (s *Server) accept(m *mergeRequest) (int, any) {
	if m.State != "opened" {
		return 405, glError("405 Method Not Allowed")
	}
	t := s.now()
	sha, err := s.git.Merge(m.Target, m.Source, fmt.Sprintf("Merge branch '%s' into '%s'\n\n%s\n\nSee merge request %s!%d", m.Source, m.Target, m.Title, s.opts.ProjectPath, m.IID), t)
	if err != nil {
		return 406, glError("Branch cannot be merged: " + err.Error())
	}
	m.State, m.MergeSHA, m.Updated, m.MergedAt = "merged", sha, t, &t
	return 200, s.mrJSON(m, s.mrTemplate)
}

// AcceptMR merges a merge request as a reviewer pressing the button would.
func (s *Server) AcceptMR(iid int64) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.mr(strconv.FormatInt(iid, 10))
	if m == nil {
		return "", fmt.Errorf("no merge request !%d", iid)
	}
	status, resp := s.accept(m)
	if status != 200 {
		return "", fmt.Errorf("accept !%d: %d %v", iid, status, resp)
	}
	return m.MergeSHA, nil
}

func (s *Server) listNotes(m *mergeRequest, q url.Values) (int, any) {
	var all []*note
	for _, n := range s.notes {
		if n.MR == m.IID {
			all = append(all, n)
		}
	}
	// GitLab's default order is newest first; the client asks for asc.
	if q.Get("sort") != "asc" {
		for i, j := 0, len(all)-1; i < j; i, j = i+1, j-1 {
			all[i], all[j] = all[j], all[i]
		}
	}
	page, per := 1, 20
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		page = v
	}
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil && v > 0 {
		per = min(v, 100)
	}
	out := []any{}
	for i := (page - 1) * per; i < len(all) && i < page*per; i++ {
		out = append(out, s.noteJSON(all[i]))
	}
	return 200, out
}

func (s *Server) webURL() string { return "https://gitlab.example/" + s.opts.ProjectPath }

func ts(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// deepCopy copies a decoded JSON template.
func deepCopy(v map[string]any) map[string]any {
	data, _ := json.Marshal(v)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return out
}

func (s *Server) bot() map[string]any {
	u := deepCopy(s.userTemplate)
	u["id"], u["name"], u["username"], u["web_url"] = 2, "schemasync bot", "schemasync-bot", "https://gitlab.example/schemasync-bot"
	return u
}

func (s *Server) mrJSON(m *mergeRequest, tmpl map[string]any) map[string]any {
	out := deepCopy(tmpl)
	set := func(k string, v any) {
		if _, ok := out[k]; ok {
			out[k] = v
		}
	}
	var mergeSHA any
	if m.MergeSHA != "" {
		mergeSHA = m.MergeSHA
	}
	var mergedBy any
	if m.State == "merged" {
		mergedBy = s.bot()
	}
	notes := 0
	for _, n := range s.notes {
		if n.MR == m.IID {
			notes++
		}
	}
	for k, v := range map[string]any{
		"id": m.ID, "iid": m.IID, "project_id": s.opts.ProjectID, "source_project_id": s.opts.ProjectID, "target_project_id": s.opts.ProjectID,
		"title": m.Title, "description": m.Description, "state": m.State, "source_branch": m.Source, "target_branch": m.Target,
		"sha": m.SHA, "merge_commit_sha": mergeSHA, "squash_commit_sha": nil, "created_at": ts(&m.Created), "updated_at": ts(&m.Updated),
		"merged_at": ts(m.MergedAt), "merged_by": mergedBy, "closed_at": nil, "closed_by": nil, "author": s.bot(),
		"assignee": nil, "assignees": []any{}, "reviewers": []any{}, "labels": []any{}, "milestone": nil,
		"user_notes_count": notes, "upvotes": 0, "downvotes": 0, "reference": fmt.Sprintf("!%d", m.IID),
		"web_url": fmt.Sprintf("%s/-/merge_requests/%d", s.webURL(), m.IID), "work_in_progress": false, "draft": false,
		"merge_status": "can_be_merged", "detailed_merge_status": "mergeable", "pipeline": nil, "head_pipeline": nil,
		"diff_refs": nil, "changes_count": "1", "latest_build_started_at": nil, "latest_build_finished_at": nil,
	} {
		set(k, v)
	}
	return out
}

// noteJSON has the fields of GitLab's documented note response, with the
// author shaped like the examples' users.
func (s *Server) noteJSON(n *note) map[string]any {
	return map[string]any{
		"id": n.ID, "type": nil, "body": n.Body, "attachment": nil, "author": s.bot(),
		"created_at": ts(&n.Created), "updated_at": ts(&n.Updated), "system": n.System,
		"noteable_id": n.MR, "noteable_type": "MergeRequest", "noteable_iid": n.MR, "project_id": s.opts.ProjectID,
		"resolvable": false, "confidential": false, "internal": false, "commands_changes": map[string]any{},
	}
}
