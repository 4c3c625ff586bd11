package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type planOptions struct {
	Config           string
	Version          string
	Targets          []string
	Groups           []string
	Parallel         int
	Shard            string
	Format           string
	Out              string
	Preview          string
	AllowDestructive bool
	SkipUnsupported  bool
	AllowHazards     []string
	DenyHazards      []string
	DataChecks       bool
	Online           onlineFlags
}

// onlineFlags are the flags of the online strategies; each one the user
// sets overrides the config's policy.
type onlineFlags struct {
	online                        bool
	lockTimeout, statementTimeout string
}

func (o *onlineFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&o.online, "online", true, "plan online forms where the engine has them (PostgreSQL: CONCURRENTLY, NOT VALID then VALIDATE); --online=false plans blocking forms (default: policy.online, else true)")
	f.StringVar(&o.lockTimeout, "lock-timeout", "", "lock_timeout the plan sets before statements that take locks (MySQL/MariaDB: lock_wait_timeout, in seconds rounded up): a duration, or 0 for none (default: policy.lock_timeout, else 5s)")
	f.StringVar(&o.statementTimeout, "statement-timeout", "", "statement_timeout the plan sets: a duration, or 0 for none (default: policy.statement_timeout, else none)")
}

// options applies the flags the user set (changed tells which) to the
// policy's options.
func (o *onlineFlags) options(changed func(flag string) bool, base engines.OnlineOptions) (engines.OnlineOptions, error) {
	if changed("online") {
		base.Off = !o.online
	}
	if changed("lock-timeout") {
		d, err := runner.ParseTimeout(o.lockTimeout)
		if err != nil {
			return base, fmt.Errorf("--lock-timeout: %w", err)
		}
		base.LockTimeout = d
	}
	if changed("statement-timeout") {
		d, err := runner.ParseTimeout(o.statementTimeout)
		if err != nil {
			return base, fmt.Errorf("--statement-timeout: %w", err)
		}
		base.StatementTimeout = max(d, 0)
	}
	return base, nil
}

// hazardPolicy is the config's policy with --allow-hazards,
// --deny-hazards and --allow-destructive added.
func hazardPolicy(pol runner.Policy, allow, deny []string, allowDestructive bool) (runner.HazardPolicy, error) {
	hp := pol.Hazards()
	kinds, err := runner.ParseHazardKinds(strings.Join(allow, ","))
	if err != nil {
		return hp, fmt.Errorf("--allow-hazards: %w", err)
	}
	denied, err := runner.ParseHazardKinds(strings.Join(deny, ","))
	if err != nil {
		return hp, fmt.Errorf("--deny-hazards: %w", err)
	}
	hp.Allow = append(hp.Allow, kinds...)
	hp.Deny = append(hp.Deny, denied...)
	hp.AllowDestructive = hp.AllowDestructive || allowDestructive
	return hp, nil
}

func newPlanCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan [--version REV] [--target NAME|--group G]...",
		Short: "Plan the DDL that brings targets to a schema version, with a preview",
		Long: `plan compares a schema version (any commit, tag or branch; HEAD by default) with
the selected targets of schemasync.yaml, inspecting them concurrently, and writes
one plan file per distinct target schema into the plan directory: targets whose
inspected schemas are identical share one plan. Each plan file starts with a header
(source version, targets, the targets' schema fingerprint, hazards, destructive
statements, and the checksum of the body); the body is the DDL, which reviewers may
edit. The preview goes to standard output (text, markdown for pull requests, or
json); --preview FILE also writes the Markdown preview to a file.

Safety: each statement carries its hazards, and the preview marks those apply
would refuse under the policy (policy.allow_hazards, --allow-hazards,
policy.deny_hazards, --deny-hazards). Changes
to existing tables use online forms by default (--online=false turns them off),
and the plan sets lock_timeout (--lock-timeout). Data checks (--data-checks,
on by default) count, on the first target of each plan, the rows that would
make a statement fail: NULLs before SET NOT NULL, duplicates before a new
unique key, rows breaking a new check or foreign key, values that do not fit a
narrowed type; and they estimate the rows of the tables the plan touches.

Exit codes: 0 when every target is in sync, 2 when changes are planned, 1 on error
(a target that could not be inspected is an error; the others are planned anyway).`,
		Example: `  schemasync plan --version v2 --group production --format markdown --preview plan.md
  schemasync plan --shard 2/4 --parallel 8`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlan(cmd.Context(), s, reg, opts, cmd.Flags().Changed)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.StringVar(&opts.Version, "version", "HEAD", "schema version: commit, tag, branch, HEAD~3")
	f.StringArrayVar(&opts.Targets, "target", nil, "target name from the config (repeatable; default: all)")
	f.StringArrayVar(&opts.Groups, "group", nil, "target group from the config (repeatable)")
	f.IntVar(&opts.Parallel, "parallel", 4, "inspect at most N targets at once")
	f.StringVar(&opts.Shard, "shard", "", "plan only shard i of n of the selected targets (i/n)")
	f.StringVar(&opts.Format, "format", "text", "preview format: text, markdown or json")
	f.StringVar(&opts.Out, "out", "", "plan directory (default: plan_dir of the config)")
	f.StringVar(&opts.Preview, "preview", "", "also write the Markdown preview to this file")
	f.BoolVar(&opts.AllowDestructive, "allow-destructive", false, "plan destructive changes as allowed (apply still checks its own policy)")
	f.BoolVar(&opts.SkipUnsupported, "skip-unsupported", false, "skip unsupported statements in schema files with a warning")
	f.StringSliceVar(&opts.AllowHazards, "allow-hazards", nil, "hazard kinds to show as allowed in the preview, as apply will be told (comma-separated, or all)")
	f.StringSliceVar(&opts.DenyHazards, "deny-hazards", nil, "hazard kinds to show as refused in the preview, as apply will be told (comma-separated, or all); deny wins over every allow")
	f.BoolVar(&opts.DataChecks, "data-checks", true, "check the targets' data for rows that would make statements fail (bounded, read-only; default: policy.data_checks, else true)")
	opts.Online.register(cmd)
	return cmd
}

func runPlan(ctx context.Context, s streams, reg *engines.Registry, opts *planOptions, changed func(flag string) bool) error {
	switch opts.Format {
	case "text", "markdown", "json":
	default:
		return fmt.Errorf("--format must be text, markdown or json, not %q", opts.Format)
	}
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	targets, err := p.targets(opts.Targets, opts.Groups, opts.Shard)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		fmt.Fprintf(s.Err, "no targets in shard %s\n", opts.Shard)
		return nil
	}
	eng, err := p.engine(reg, targets)
	if err != nil {
		return err
	}
	// The version is read while the targets are inspected (PlanTargets).
	loadSource := func(ctx context.Context) (*engines.Database, runner.SourceVersion, error) {
		return runner.LoadVersion(ctx, eng, p.repo, opts.Version, p.schemaDir, engines.ParseOptions{
			SkipUnsupported: opts.SkipUnsupported,
			Warn:            func(msg string) { fmt.Fprintln(s.Err, "warning:", msg) },
		})
	}
	online, err := opts.Online.options(changed, p.cfg.Policy.Online)
	if err != nil {
		return err
	}
	hazards, err := hazardPolicy(p.cfg.Policy, opts.AllowHazards, opts.DenyHazards, opts.AllowDestructive)
	if err != nil {
		return err
	}
	dataChecks := !p.cfg.Policy.SkipDataChecks
	if changed("data-checks") {
		dataChecks = opts.DataChecks
	}
	req := runner.PlanRequest{
		Engine: eng, LoadSource: loadSource, SchemaDir: p.schemaDir, Targets: targets, Parallel: opts.Parallel,
		AllowDestructive: opts.AllowDestructive || p.cfg.Policy.AllowDestructive,
		Online:           online, Hazards: hazards, DataChecks: dataChecks,
	}
	if isTerminal(s.Err) {
		req.Progress = func(done, total int, target string, err error) {
			status := "inspected"
			if err != nil {
				status = "FAILED"
			}
			fmt.Fprintf(s.Err, "[%d/%d] %s %s\n", done, total, status, target)
		}
	}
	set, err := runner.PlanTargets(ctx, req)
	if err != nil {
		return err
	}
	out := opts.Out
	if out == "" {
		out = p.cfg.PlanPath()
	}
	if err := runner.WritePlanFiles(out, set.Files(), set.Planned()); err != nil {
		return err
	}
	// Previews go into pull requests: name plan files from the repository.
	for _, f := range set.Files() {
		if rel, err := filepath.Rel(p.cfg.Dir, f.Path); err == nil && !strings.HasPrefix(rel, "..") {
			f.Path = filepath.ToSlash(rel)
		}
	}
	switch opts.Format {
	case "json":
		if err := runner.PreviewJSON(s.Out, set); err != nil {
			return err
		}
	case "markdown":
		runner.PreviewMarkdown(s.Out, set, eng)
	default:
		runner.PreviewText(s.Out, set)
	}
	if opts.Preview != "" {
		f, err := os.Create(opts.Preview)
		if err != nil {
			return fmt.Errorf("write preview: %w", err)
		}
		runner.PreviewMarkdown(f, set, eng)
		if err := f.Close(); err != nil {
			return fmt.Errorf("write preview: %w", err)
		}
	}
	if n := len(set.Files()); n > 0 {
		fmt.Fprintf(s.Err, "wrote %d plan file(s) to %s\n", n, filepath.Clean(out))
	}
	if len(set.Failed) > 0 {
		return fmt.Errorf("%d target(s) could not be planned", len(set.Failed))
	}
	if set.Changed() {
		return &exitError{code: 2}
	}
	return nil
}
