package vcs

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-git/go-git/v5/plumbing/transport"
	gitlab "gitlab.com/gitlab-org/api/client-go/v2"
)

// gitLab is the Forge of one GitLab project.
type gitLab struct {
	c     *gitlab.Client
	pid   string
	token string
}

func newGitLab(getenv func(string) string, hc *http.Client) (*gitLab, error) {
	pid := firstSet(getenv("CI_PROJECT_ID"), getenv("CI_PROJECT_PATH"))
	if pid == "" {
		return nil, errors.New("CI_PROJECT_ID (or CI_PROJECT_PATH) must name the GitLab project")
	}
	base, err := apiBase(firstSet(getenv("CI_API_V4_URL"), "https://gitlab.com/api/v4"), "CI_API_V4_URL")
	if err != nil {
		return nil, err
	}
	// CI_JOB_TOKEN cannot write notes or merge requests: a project or
	// personal access token is needed.
	token := firstSet(getenv("SCHEMASYNC_GITLAB_TOKEN"), getenv("GITLAB_TOKEN"))
	c, err := gitlab.NewClient(token, gitlab.WithBaseURL(base.String()), gitlab.WithHTTPClient(hc), gitlab.WithoutRetries())
	if err != nil {
		return nil, ScrubError(fmt.Errorf("gitlab client: %w", err), []string{token})
	}
	return &gitLab{c: c, pid: pid, token: token}, nil
}

func (g *gitLab) Name() string      { return "gitlab" }
func (g *gitLab) Secrets() []string { return []string{g.token} }

// PushAuth: GitLab takes any non-empty user name with an access token.
func (g *gitLab) PushAuth() transport.AuthMethod { return basicAuth("oauth2", g.token) }

func (g *gitLab) fail(what string, err error) error {
	var er *gitlab.ErrorResponse
	if errors.As(err, &er) && er.Response != nil && er.Response.Request != nil {
		err = fmt.Errorf("%s %s: %d %s", er.Response.Request.Method, er.Response.Request.URL.Path, er.Response.StatusCode, er.Message)
	}
	return ScrubError(fmt.Errorf("gitlab project %s: %s: %w", g.pid, what, err), g.Secrets())
}

func (g *gitLab) FindOpenRequest(ctx context.Context, head, base string) (*Request, error) {
	opts := &gitlab.ListProjectMergeRequestsOptions{
		ListOptions:  gitlab.ListOptions{PerPage: 100},
		State:        gitlab.Ptr("opened"),
		SourceBranch: gitlab.Ptr(head),
	}
	if base != "" {
		opts.TargetBranch = gitlab.Ptr(base)
	}
	mrs, _, err := g.c.MergeRequests.ListProjectMergeRequests(g.pid, opts, gitlab.WithContext(ctx))
	if err != nil {
		return nil, g.fail("find the merge request of "+head, err)
	}
	for _, mr := range mrs {
		if mr.SourceBranch == head && (base == "" || mr.TargetBranch == base) && mr.State == "opened" {
			return glRequest(mr), nil
		}
	}
	return nil, nil
}

func (g *gitLab) GetRequest(ctx context.Context, number int64) (*Request, error) {
	mr, _, err := g.c.MergeRequests.GetMergeRequest(g.pid, number, nil, gitlab.WithContext(ctx))
	if err != nil {
		return nil, g.fail(fmt.Sprintf("read merge request !%d", number), err)
	}
	return glRequest(&mr.BasicMergeRequest), nil
}

func (g *gitLab) CreateRequest(ctx context.Context, r NewRequest) (*Request, error) {
	mr, _, err := g.c.MergeRequests.CreateMergeRequest(g.pid, &gitlab.CreateMergeRequestOptions{
		Title: &r.Title, Description: &r.Body, SourceBranch: &r.Head, TargetBranch: &r.Base,
	}, gitlab.WithContext(ctx))
	if err != nil {
		return nil, g.fail("open a merge request from "+r.Head, err)
	}
	return glRequest(&mr.BasicMergeRequest), nil
}

func (g *gitLab) UpdateRequest(ctx context.Context, number int64, title, body string) (*Request, error) {
	mr, _, err := g.c.MergeRequests.UpdateMergeRequest(g.pid, number, &gitlab.UpdateMergeRequestOptions{
		Title: &title, Description: &body,
	}, gitlab.WithContext(ctx))
	if err != nil {
		return nil, g.fail(fmt.Sprintf("update merge request !%d", number), err)
	}
	return glRequest(&mr.BasicMergeRequest), nil
}

func (g *gitLab) RequestsForCommit(ctx context.Context, sha string) ([]*Request, error) {
	mrs, _, err := g.c.Commits.ListMergeRequestsByCommit(g.pid, sha, gitlab.WithContext(ctx))
	if err != nil {
		return nil, g.fail("find the merge requests of commit "+shortHash(sha), err)
	}
	out := make([]*Request, 0, len(mrs))
	for _, mr := range mrs {
		out = append(out, glRequest(mr))
	}
	return out, nil
}

func (g *gitLab) Comments(ctx context.Context, number int64) ([]Comment, error) {
	var out []Comment
	opts := &gitlab.ListMergeRequestNotesOptions{
		ListOptions: gitlab.ListOptions{PerPage: 100, Page: 1},
		OrderBy:     gitlab.Ptr("created_at"), Sort: gitlab.Ptr("asc"),
	}
	for {
		notes, resp, err := g.c.Notes.ListMergeRequestNotes(g.pid, number, opts, gitlab.WithContext(ctx))
		if err != nil {
			return nil, g.fail(fmt.Sprintf("list the notes of !%d", number), err)
		}
		for _, n := range notes {
			if n.System {
				continue // "added 1 commit" and the like
			}
			out = append(out, Comment{ID: n.ID, Body: n.Body})
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

func (g *gitLab) CreateComment(ctx context.Context, number int64, body string) (Comment, error) {
	n, _, err := g.c.Notes.CreateMergeRequestNote(g.pid, number, &gitlab.CreateMergeRequestNoteOptions{Body: &body}, gitlab.WithContext(ctx))
	if err != nil {
		return Comment{}, g.fail(fmt.Sprintf("add a note to !%d", number), err)
	}
	return Comment{ID: n.ID, Body: n.Body}, nil
}

func (g *gitLab) EditComment(ctx context.Context, number, id int64, body string) (Comment, error) {
	n, _, err := g.c.Notes.UpdateMergeRequestNote(g.pid, number, id, &gitlab.UpdateMergeRequestNoteOptions{Body: &body}, gitlab.WithContext(ctx))
	if err != nil {
		return Comment{}, g.fail(fmt.Sprintf("edit note %d of !%d", id, number), err)
	}
	return Comment{ID: n.ID, Body: n.Body}, nil
}

func glRequest(mr *gitlab.BasicMergeRequest) *Request {
	r := &Request{
		Number: mr.IID, URL: mr.WebURL, Title: mr.Title, Body: mr.Description,
		Head: mr.SourceBranch, Base: mr.TargetBranch, HeadSHA: mr.SHA, State: mr.State,
	}
	switch mr.State {
	case "opened":
		r.State = "open"
	case "merged":
		r.MergeSHA = firstSet(mr.MergeCommitSHA, mr.SquashCommitSHA)
	case "locked":
		r.State = "open" // locked only while it merges
	}
	return r
}
