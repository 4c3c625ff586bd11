package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
	"github.com/schemasync/schemasync/vcs"
)

type commentOptions struct {
	Config           string
	Version          string
	Targets          []string
	Groups           []string
	Parallel         int
	Request          int64
	Forge            string
	CodeQuality      string
	AllowDestructive bool
	SkipUnsupported  bool
}

func newCommentCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &commentOptions{}
	cmd := &cobra.Command{
		Use:   "comment [--version REV] [--request N]",
		Short: "Plan a version and post the preview on an existing pull/merge request",
		Long: `comment plans a schema version (HEAD by default: the request's head in a pipeline
that runs for a request) against the selected targets and posts the preview on the
request as one comment that later runs edit in place. It writes no plan files and
pushes nothing: it is for pipelines that review schema changes before they become
a version (propose makes the request that carries the plan files).

The request is --request N, else the pull request of the GitHub event
(GITHUB_EVENT_PATH) or GitLab's CI_MERGE_REQUEST_IID.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runComment(cmd.Context(), s, reg, opts, os.Getenv)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.StringVar(&opts.Version, "version", "HEAD", "schema version: commit, tag, branch")
	f.StringArrayVar(&opts.Targets, "target", nil, "target name from the config (repeatable; default: all)")
	f.StringArrayVar(&opts.Groups, "group", nil, "target group from the config (repeatable)")
	f.IntVar(&opts.Parallel, "parallel", 4, "inspect at most N targets at once")
	f.Int64Var(&opts.Request, "request", 0, "pull/merge request number (default: from the CI environment)")
	f.StringVar(&opts.Forge, "forge", "auto", "github, gitlab or auto (from the CI environment)")
	f.StringVar(&opts.CodeQuality, "code-quality", "", "also write hazards as a GitLab Code Quality report to this file")
	f.BoolVar(&opts.AllowDestructive, "allow-destructive", false, "plan destructive changes as allowed")
	f.BoolVar(&opts.SkipUnsupported, "skip-unsupported", false, "skip unsupported statements in schema files with a warning")
	return cmd
}

func runComment(ctx context.Context, s streams, reg *engines.Registry, opts *commentOptions, getenv func(string) string) error {
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	forge, err := vcs.NewForge(vcs.ForgeOptions{Kind: opts.Forge, Getenv: getenv})
	if err != nil {
		return err
	}
	number := opts.Request
	if number == 0 {
		if number, err = vcs.RequestFromEnv(forge.Name(), getenv); err != nil {
			return err
		}
	}
	if number == 0 {
		return errors.New("no request to comment on: give --request N, or run for a pull request event (GitHub) or a merge request pipeline (GitLab)")
	}
	set, eng, err := planForForge(ctx, s, reg, p, opts.Version, opts.Targets, opts.Groups, opts.Parallel, opts.AllowDestructive, opts.SkipUnsupported)
	if err != nil {
		return err
	}
	body := runner.PreviewComment(set, eng)
	_, action, err := vcs.UpsertComment(ctx, forge, number, vcs.PreviewMarker, body)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "preview comment on request %d %s (%s)\n", number, action, changedWord(set))
	locs := hazardLocations(set, "")
	ci := newCI(getenv, forge.Secrets())
	ci.annotateHazards(s.Out, locs)
	ci.summary(body)
	ci.output("changed", fmt.Sprint(set.Changed()))
	if err := writeCodeQuality(opts.CodeQuality, locs); err != nil {
		return err
	}
	if len(set.Failed) > 0 {
		for _, f := range set.Failed {
			fmt.Fprintf(s.Err, "%s: FAILED: %s\n", f.Target, f.Message)
		}
		return fmt.Errorf("%d target(s) could not be planned", len(set.Failed))
	}
	return nil
}

// changedWord sums up a plan set; a target that failed was not planned,
// so it is never counted as in sync.
func changedWord(set *runner.PlanSet) string {
	switch {
	case set.Changed():
		return "changes planned"
	case len(set.Planned()) == 0:
		return "no target planned"
	case len(set.Failed) > 0:
		return fmt.Sprintf("every planned target in sync, %d failed", len(set.Failed))
	}
	return "every target in sync"
}

// reportApply posts the result of an apply after merge on the requests
// that the applied commit merged: one comment per request, found again by
// its marker when the apply runs again.
func reportApply(ctx context.Context, s streams, p *project, kind string, outcomes []runner.ApplyOutcome, getenv func(string) string) error {
	forge, err := vcs.NewForge(vcs.ForgeOptions{Kind: kind, Getenv: getenv})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	commit := vcs.CommitFromEnv(getenv)
	if commit == "" {
		if commit, err = p.repo.Head(); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	reqs, err := forge.RequestsForCommit(ctx, commit)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	// Prefer the requests this commit merged over those it is the head of.
	var merged []*vcs.Request
	for _, r := range reqs {
		if r.State == "merged" && r.MergeSHA == commit {
			merged = append(merged, r)
		}
	}
	if len(merged) > 0 {
		reqs = merged
	}
	body := runner.ApplyComment(commit, outcomes)
	newCI(getenv, forge.Secrets()).summary(body)
	if len(reqs) == 0 {
		fmt.Fprintf(s.Err, "report: no pull/merge request holds commit %s; the result is not commented\n", shortSHA(commit))
		return nil
	}
	for _, r := range reqs {
		_, action, err := vcs.UpsertComment(ctx, forge, r.Number, vcs.ApplyMarker, body)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		fmt.Fprintf(s.Err, "report: result comment on request %d %s\n", r.Number, action)
	}
	return nil
}

// ci writes what CI systems read besides the log: GitHub's job summary,
// step outputs and workflow annotations. Outside GitHub Actions it does
// nothing.
type ci struct {
	getenv  func(string) string
	secrets []string
}

func newCI(getenv func(string) string, secrets []string) ci {
	return ci{getenv: getenv, secrets: secrets}
}

func (c ci) github() bool { return c.getenv("GITHUB_ACTIONS") == "true" }

func (c ci) appendFile(env, text string) {
	p := c.getenv(env)
	if p == "" {
		return
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return // a summary is a nicety: never fail the run for it
	}
	defer f.Close()
	io.WriteString(f, vcs.Scrub(text, c.secrets))
}

// summary appends Markdown to the job summary.
func (c ci) summary(md string) { c.appendFile("GITHUB_STEP_SUMMARY", md+"\n") }

// output sets a step output.
func (c ci) output(name, value string) {
	c.appendFile("GITHUB_OUTPUT", name+"="+strings.ReplaceAll(value, "\n", " ")+"\n")
}

// annotateHazards shows hazards as warnings (destructive statements as
// errors) on their lines of the plan files.
func (c ci) annotateHazards(w io.Writer, locs []runner.HazardLocation) {
	if !c.github() {
		return
	}
	for _, l := range locs {
		level := "warning"
		if l.Severe {
			level = "error"
		}
		fmt.Fprintf(w, "::%s %stitle=schemasync %s::statement %d: %s\n", level, fileProps(l.Path, l.Line), l.Kind, l.Statement, escapeData(l.Message))
	}
}

// annotateError shows an error on the plan line it is about, when it
// names one.
func (c ci) annotateError(w io.Writer, err error) {
	if !c.github() || err == nil {
		return
	}
	props := ""
	var se *engines.StatementError
	if errors.As(err, &se) && se.File != "" {
		props = fileProps(relToWorkspace(se.File, c.getenv("GITHUB_WORKSPACE")), se.Line)
	}
	fmt.Fprintf(w, "::error %stitle=schemasync::%s\n", props, escapeData(vcs.Scrub(err.Error(), c.secrets)))
}

func fileProps(file string, line int) string {
	if file == "" {
		return ""
	}
	props := "file=" + escapeProp(file)
	if line > 0 {
		props += fmt.Sprintf(",line=%d", line)
	}
	return props + ","
}

func relToWorkspace(file, ws string) string {
	if ws != "" && strings.HasPrefix(file, ws+"/") {
		return strings.TrimPrefix(file, ws+"/")
	}
	return file
}

// escapeData and escapeProp follow the workflow command syntax.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
