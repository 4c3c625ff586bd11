package main

import (
	"context"
	"fmt"
	"os"
	"path"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
	"github.com/schemasync/schemasync/vcs"
)

type proposeOptions struct {
	Config           string
	Version          string
	Targets          []string
	Groups           []string
	Parallel         int
	Branch           string
	BranchPrefix     string
	Base             string
	Remote           string
	Forge            string
	Author           string
	CodeQuality      string
	AllowDestructive bool
	SkipUnsupported  bool
}

func newProposeCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &proposeOptions{}
	cmd := &cobra.Command{
		Use:   "propose [--version REV]",
		Short: "Plan, commit the plan files on a branch, push it and open or update its pull/merge request",
		Long: `propose plans a schema version against the selected targets (as plan does), commits
the plan files on the proposal branch (schemasync/<version> unless --branch says
otherwise) without touching the work tree, pushes it, opens the pull request (GitHub)
or merge request (GitLab) into the base branch or updates the one already open, and
posts the preview as one comment that later runs edit in place (found by a hidden
marker). Running it again with nothing new changes nothing: a reviewer's edit of a
plan body is kept as long as a new plan would have the same header. When every
target is in sync, nothing is opened.

The forge comes from the environment: GitHub Actions (GITHUB_API_URL, GITHUB_TOKEN,
GITHUB_REPOSITORY) or GitLab CI (CI_API_V4_URL, GITLAB_TOKEN, CI_PROJECT_ID);
--forge chooses one explicitly. Tokens are never printed.`,
		Example: `  schemasync propose                       # HEAD of the current branch, into it
  schemasync propose --version v3 --base main --group production`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPropose(cmd.Context(), s, reg, opts, os.Getenv)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.StringVar(&opts.Version, "version", "HEAD", "schema version: commit, tag, branch")
	f.StringArrayVar(&opts.Targets, "target", nil, "target name from the config (repeatable; default: all)")
	f.StringArrayVar(&opts.Groups, "group", nil, "target group from the config (repeatable)")
	f.IntVar(&opts.Parallel, "parallel", 4, "inspect at most N targets at once")
	f.StringVar(&opts.Branch, "branch", "", "proposal branch (default: <branch-prefix><version>)")
	f.StringVar(&opts.BranchPrefix, "branch-prefix", runner.DefaultBranchPrefix, "prefix of the default proposal branch")
	f.StringVar(&opts.Base, "base", "", "branch the request merges into (default: the CI's default branch, else the current branch)")
	f.StringVar(&opts.Remote, "remote", "origin", "git remote to push to")
	f.StringVar(&opts.Forge, "forge", "auto", "github, gitlab or auto (from the CI environment)")
	f.StringVar(&opts.Author, "author", "", `commit author "Name <email>" (default: SCHEMASYNC_GIT_AUTHOR, else schemasync)`)
	f.StringVar(&opts.CodeQuality, "code-quality", "", "also write hazards as a GitLab Code Quality report to this file")
	f.BoolVar(&opts.AllowDestructive, "allow-destructive", false, "plan destructive changes as allowed (apply still checks its own policy)")
	f.BoolVar(&opts.SkipUnsupported, "skip-unsupported", false, "skip unsupported statements in schema files with a warning")
	return cmd
}

func runPropose(ctx context.Context, s streams, reg *engines.Registry, opts *proposeOptions, getenv func(string) string) error {
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	forge, err := vcs.NewForge(vcs.ForgeOptions{Kind: opts.Forge, Getenv: getenv})
	if err != nil {
		return err
	}
	author, err := parseAuthor(firstNonEmpty(opts.Author, getenv("SCHEMASYNC_GIT_AUTHOR"), "schemasync <schemasync@users.noreply.github.com>"))
	if err != nil {
		return err
	}
	set, eng, err := planForForge(ctx, s, reg, p, opts.Version, opts.Targets, opts.Groups, opts.Parallel, opts.AllowDestructive, opts.SkipUnsupported)
	if err != nil {
		return err
	}
	planDir, err := p.repo.RelPath(p.cfg.PlanPath())
	if err != nil {
		return fmt.Errorf("plan_dir: %w", err)
	}
	branch := opts.Branch
	if branch == "" {
		rev := opts.Version
		if rev == "HEAD" {
			// HEAD names nothing lasting: use the branch it is on, so that
			// every push to that branch updates one proposal.
			rev = firstNonEmpty(p.repo.CurrentBranch(), vcs.BranchFromEnv(getenv), set.Version.Hash[:12])
		}
		branch = runner.BranchName(opts.BranchPrefix, rev)
	}
	base := firstNonEmpty(opts.Base, vcs.DefaultBranchFromEnv(getenv), p.repo.CurrentBranch(), vcs.BranchFromEnv(getenv), "main")
	res, err := runner.Propose(ctx, runner.ProposeRequest{
		Repo: p.repo, Forge: forge, Remote: opts.Remote, Set: set, Engine: eng,
		PlanDir: planDir, Branch: branch, Base: base, Author: author,
		Log: func(msg string) { fmt.Fprintln(s.Err, vcs.Scrub(msg, forge.Secrets())) },
	})
	if err != nil {
		return err
	}
	locs := hazardLocations(set, planDir)
	ci := newCI(getenv, forge.Secrets())
	ci.annotateHazards(s.Out, locs)
	if err := writeCodeQuality(opts.CodeQuality, locs); err != nil {
		return err
	}
	switch {
	case res.InSync && len(set.Failed) > 0:
		// Not "in sync": a target that failed was not compared at all.
		fmt.Fprintf(s.Out, "%s; no request opened\n", runner.SyncOutcome(set))
		ci.summary("## schemasync propose\n\n" + runner.SyncOutcome(set) + ": nothing proposed.\n")
		ci.output("changed", "false")
	case res.InSync:
		fmt.Fprintf(s.Out, "in sync: every target matches version %s; no request opened\n", set.Version.Short())
		ci.summary("## schemasync propose\n\nEvery target is in sync with version `" + set.Version.Short() + "`: nothing to propose.\n")
		ci.output("changed", "false")
	case res.AlreadyOnBase:
		fmt.Fprintf(s.Out, "%s already holds these plans: no request opened\n", base)
		ci.output("changed", "false")
	default:
		fmt.Fprintf(s.Out, "%s %d: %s (branch %s, commit %s; pushed: %s; comment %s)\n",
			res.RequestAction, res.Request.Number, res.Request.URL, res.Branch, shortSHA(res.Commit), yesNo(res.Pushed), res.CommentAction)
		ci.summary(res.Preview)
		ci.output("changed", "true")
		ci.output("request", fmt.Sprint(res.Request.Number))
		ci.output("request-url", res.Request.URL)
		ci.output("branch", res.Branch)
	}
	if len(set.Failed) > 0 {
		for _, f := range set.Failed {
			fmt.Fprintf(s.Err, "%s: FAILED: %s\n", f.Target, f.Message)
		}
		return fmt.Errorf("%d target(s) could not be planned", len(set.Failed))
	}
	return nil
}

// planForForge loads the version and plans the selected targets, as plan
// does, without writing plan files; plan file paths are left for the
// caller to set.
func planForForge(ctx context.Context, s streams, reg *engines.Registry, p *project, version string, names, groups []string, parallel int, allowDestructive, skipUnsupported bool) (*runner.PlanSet, engines.Engine, error) {
	targets, err := p.targets(names, groups, "")
	if err != nil {
		return nil, nil, err
	}
	if len(targets) == 0 {
		return nil, nil, fmt.Errorf("no targets selected")
	}
	eng, err := p.engine(reg, targets)
	if err != nil {
		return nil, nil, err
	}
	src, v, err := runner.LoadVersion(ctx, eng, p.repo, version, p.schemaDir, engines.ParseOptions{
		SkipUnsupported: skipUnsupported,
		Warn:            func(msg string) { fmt.Fprintln(s.Err, "warning:", msg) },
	})
	if err != nil {
		return nil, nil, fmt.Errorf("source: %w", err)
	}
	// The config's safety policy: online forms and timeouts, the hazards
	// the preview marks as refused, the data checks.
	hazards := p.cfg.Policy.Hazards()
	hazards.AllowDestructive = hazards.AllowDestructive || allowDestructive
	set, err := runner.PlanTargets(ctx, runner.PlanRequest{
		Engine: eng, Source: src, Version: v, SchemaDir: p.schemaDir, Targets: targets, Parallel: parallel,
		AllowDestructive: allowDestructive || p.cfg.Policy.AllowDestructive,
		Online:           p.cfg.Policy.Online, Hazards: hazards, DataChecks: !p.cfg.Policy.SkipDataChecks,
	})
	if err != nil {
		return nil, nil, err
	}
	return set, eng, nil
}

// hazardLocations names plan files by their place in the repository.
func hazardLocations(set *runner.PlanSet, planDir string) []runner.HazardLocation {
	for _, f := range set.Files() {
		if f.Path == "" && planDir != "" {
			f.Path = path.Join(planDir, runner.PlanFileName(f.Targets))
		}
	}
	return runner.HazardLocations(set)
}

func writeCodeQuality(file string, locs []runner.HazardLocation) error {
	if file == "" {
		return nil
	}
	data, err := runner.CodeQuality(locs)
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write code quality report: %w", err)
	}
	return nil
}

func parseAuthor(s string) (vcs.Signature, error) {
	m := authorRe.FindStringSubmatch(s)
	if m == nil {
		return vcs.Signature{}, fmt.Errorf(`author %q: want "Name <email>"`, s)
	}
	return vcs.Signature{Name: m[1], Email: m[2]}, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func shortSHA(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
