package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type diffOptions struct {
	Source          string
	Target          string
	Engine          string
	Format          string
	SkipUnsupported bool
	ExitCode        bool
	// Version reads the source files at a git revision (see versionSide).
	Version       string
	Config        string
	DefaultSchema string
	Online        onlineFlags
}

func newDiffCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff --source SRC --target TGT",
		Short: "Print the DDL that makes the target match the source",
		Long: `diff prints the DDL that, run on TGT, makes it match SRC.

SRC and TGT are each a .sql file, a directory of .sql files, or a connection URL.
When both are files, --engine names their dialect. When nothing differs, diff
prints nothing and exits 0 (with --exit-code: 0 in sync, 2 changes, 1 error).
Each statement comes with its hazards as "-- hazard kind: message" comments
(in JSON, a hazards list per statement). Changes to existing tables use online
forms (--online=false: the blocking ones), and the plan sets lock_timeout
before statements that take locks (--lock-timeout).`,
		Example: `  schemasync diff --engine postgres --source examples/postgres/v2 --target examples/postgres/v1
  schemasync diff --source schema/ --target "$DATABASE_URL"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Source == "" && opts.Version == "" {
				return fmt.Errorf(`required flag(s) "source" not set`)
			}
			return runDiff(cmd.Context(), s, reg, opts, cmd.Flags().Changed)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Source, "source", "", "desired schema: file, directory or URL (required)")
	f.StringVar(&opts.Target, "target", "", "schema to change: file, directory or URL (required)")
	f.StringVar(&opts.Engine, "engine", "", "dialect when both sides are files (postgres, mysql, tidb, oracle)")
	f.StringVar(&opts.Format, "format", "sql", "output format: sql or json")
	f.BoolVar(&opts.SkipUnsupported, "skip-unsupported", false, "skip unsupported statements in schema files with a warning instead of failing")
	f.BoolVar(&opts.ExitCode, "exit-code", false, "exit 2 when there are changes, 0 when in sync")
	f.StringVar(&opts.DefaultSchema, "default-schema", "", "schema that unqualified names in schema files belong to (default: the engine's, public for postgres)")
	f.StringVar(&opts.Version, "version", "", "read the source at this git revision (commit, tag, branch, HEAD~3) without touching the work tree: --source as a directory in the repository, else the config's schema_dir")
	f.StringVar(&opts.Config, "config", "", "config file for --version without --source (default: schemasync.yaml found upwards)")
	opts.Online.register(cmd)
	_ = cmd.MarkFlagRequired("target")
	return cmd
}

func runDiff(ctx context.Context, s streams, reg *engines.Registry, opts *diffOptions, changed func(flag string) bool) error {
	if opts.Format != "sql" && opts.Format != "json" {
		return fmt.Errorf("--format must be sql or json, not %q", opts.Format)
	}
	online, err := opts.Online.options(changed, engines.OnlineOptions{})
	if err != nil {
		return err
	}
	var src *runner.Side
	if opts.Version != "" {
		src, err = versionSide(ctx, opts.Source, opts.Config, opts.Version)
	} else {
		src, err = runner.ResolveSide(opts.Source)
	}
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	tgt, err := runner.ResolveSide(opts.Target)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	eng, err := runner.ChooseEngine(reg, opts.Engine, src, tgt)
	if err != nil {
		return err
	}
	popts := engines.ParseOptions{SkipUnsupported: opts.SkipUnsupported, DefaultSchema: opts.DefaultSchema, Warn: func(msg string) {
		fmt.Fprintln(s.Err, "warning:", msg)
	}}
	source, target, err := runner.LoadPair(ctx, eng, src, tgt, popts)
	if err != nil {
		return err
	}
	plan, err := eng.Plan(ctx, target, source, engines.PlanOptions{TargetURL: tgt.URL, Online: online})
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	switch opts.Format {
	case "json":
		if plan.Changes == nil {
			plan.Changes = []*engines.Change{}
		}
		if plan.Statements == nil {
			plan.Statements = []*engines.Statement{}
		}
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(plan); err != nil {
			return err
		}
	default:
		fmt.Fprint(s.Out, engines.RenderSQL(plan))
	}
	if opts.ExitCode && !plan.Empty() {
		return &exitError{code: 2}
	}
	return nil
}
