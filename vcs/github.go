package vcs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/google/go-github/v84/github"
)

// gitHub is the Forge of one GitHub repository.
type gitHub struct {
	c           *github.Client
	owner, repo string
	token       string
}

func newGitHub(getenv func(string) string, hc *http.Client) (*gitHub, error) {
	full := getenv("GITHUB_REPOSITORY")
	owner, repo, ok := strings.Cut(full, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("GITHUB_REPOSITORY must be owner/name, not %q", full)
	}
	base, err := apiBase(firstSet(getenv("GITHUB_API_URL"), "https://api.github.com"), "GITHUB_API_URL")
	if err != nil {
		return nil, err
	}
	token := firstSet(getenv("SCHEMASYNC_GITHUB_TOKEN"), getenv("GITHUB_TOKEN"), getenv("GH_TOKEN"))
	c := github.NewClient(hc)
	if token != "" {
		c = c.WithAuthToken(token)
	}
	c.BaseURL = base
	return &gitHub{c: c, owner: owner, repo: repo, token: token}, nil
}

func (g *gitHub) Name() string      { return "github" }
func (g *gitHub) Secrets() []string { return []string{g.token} }

// PushAuth: GitHub takes any user name with a token; x-access-token is the
// one its documentation uses for app and Actions tokens.
func (g *gitHub) PushAuth() transport.AuthMethod { return basicAuth("x-access-token", g.token) }

func (g *gitHub) fail(what string, err error) error {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		msg := er.Message
		for _, e := range er.Errors {
			if e.Message != "" {
				msg += "; " + e.Message
			}
		}
		err = fmt.Errorf("%s %s: %d %s", er.Response.Request.Method, er.Response.Request.URL.Path, er.Response.StatusCode, msg)
	}
	return ScrubError(fmt.Errorf("github %s/%s: %s: %w", g.owner, g.repo, what, err), g.Secrets())
}

func (g *gitHub) FindOpenRequest(ctx context.Context, head, base string) (*Request, error) {
	opts := &github.PullRequestListOptions{State: "open", Head: g.owner + ":" + head, Base: base, ListOptions: github.ListOptions{PerPage: 100}}
	prs, _, err := g.c.PullRequests.List(ctx, g.owner, g.repo, opts)
	if err != nil {
		return nil, g.fail("find the pull request of "+head, err)
	}
	for _, pr := range prs {
		// The filter is the server's; check it, a fake or an old server may ignore it.
		if pr.GetHead().GetRef() == head && (base == "" || pr.GetBase().GetRef() == base) && pr.GetState() == "open" {
			return ghRequest(pr), nil
		}
	}
	return nil, nil
}

func (g *gitHub) GetRequest(ctx context.Context, number int64) (*Request, error) {
	pr, _, err := g.c.PullRequests.Get(ctx, g.owner, g.repo, int(number))
	if err != nil {
		return nil, g.fail(fmt.Sprintf("read pull request #%d", number), err)
	}
	return ghRequest(pr), nil
}

func (g *gitHub) CreateRequest(ctx context.Context, r NewRequest) (*Request, error) {
	pr, _, err := g.c.PullRequests.Create(ctx, g.owner, g.repo, &github.NewPullRequest{
		Title: &r.Title, Body: &r.Body, Head: &r.Head, Base: &r.Base,
	})
	if err != nil {
		return nil, g.fail("open a pull request from "+r.Head, err)
	}
	return ghRequest(pr), nil
}

func (g *gitHub) UpdateRequest(ctx context.Context, number int64, title, body string) (*Request, error) {
	pr, _, err := g.c.PullRequests.Edit(ctx, g.owner, g.repo, int(number), &github.PullRequest{Title: &title, Body: &body})
	if err != nil {
		return nil, g.fail(fmt.Sprintf("update pull request #%d", number), err)
	}
	return ghRequest(pr), nil
}

func (g *gitHub) RequestsForCommit(ctx context.Context, sha string) ([]*Request, error) {
	var out []*Request
	opts := &github.ListOptions{PerPage: 100}
	for {
		prs, resp, err := g.c.PullRequests.ListPullRequestsWithCommit(ctx, g.owner, g.repo, sha, opts)
		if err != nil {
			return nil, g.fail("find the pull requests of commit "+shortHash(sha), err)
		}
		for _, pr := range prs {
			out = append(out, ghRequest(pr))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

func (g *gitHub) Comments(ctx context.Context, number int64) ([]Comment, error) {
	var out []Comment
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		cs, resp, err := g.c.Issues.ListComments(ctx, g.owner, g.repo, int(number), opts)
		if err != nil {
			return nil, g.fail(fmt.Sprintf("list the comments of #%d", number), err)
		}
		for _, c := range cs {
			out = append(out, Comment{ID: c.GetID(), Body: c.GetBody(), URL: c.GetHTMLURL()})
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

func (g *gitHub) CreateComment(ctx context.Context, number int64, body string) (Comment, error) {
	c, _, err := g.c.Issues.CreateComment(ctx, g.owner, g.repo, int(number), &github.IssueComment{Body: &body})
	if err != nil {
		return Comment{}, g.fail(fmt.Sprintf("comment on #%d", number), err)
	}
	return Comment{ID: c.GetID(), Body: c.GetBody(), URL: c.GetHTMLURL()}, nil
}

func (g *gitHub) EditComment(ctx context.Context, number, id int64, body string) (Comment, error) {
	c, _, err := g.c.Issues.EditComment(ctx, g.owner, g.repo, id, &github.IssueComment{Body: &body})
	if err != nil {
		return Comment{}, g.fail(fmt.Sprintf("edit comment %d on #%d", id, number), err)
	}
	return Comment{ID: c.GetID(), Body: c.GetBody(), URL: c.GetHTMLURL()}, nil
}

func ghRequest(pr *github.PullRequest) *Request {
	r := &Request{
		Number: int64(pr.GetNumber()), URL: pr.GetHTMLURL(), Title: pr.GetTitle(), Body: pr.GetBody(),
		Head: pr.GetHead().GetRef(), Base: pr.GetBase().GetRef(), HeadSHA: pr.GetHead().GetSHA(),
		State: pr.GetState(),
	}
	if pr.GetMerged() || pr.MergedAt != nil {
		r.State, r.MergeSHA = "merged", pr.GetMergeCommitSHA()
	}
	return r
}
