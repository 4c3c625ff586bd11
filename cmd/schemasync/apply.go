package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type applyOptions struct {
	Target string
	File   string
	Quiet  bool
}

func newApplyCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &applyOptions{}
	cmd := &cobra.Command{
		Use:   "apply --target URL --file PLAN.sql",
		Short: "Run a plan file against a live database",
		Long: `apply runs the statements of a plan file against the target database.

PostgreSQL: the statements run in one transaction; statements that cannot run in a
transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE) commit what came
before them and run alone. The first error stops the run and names the statement
and its line in the plan file.`,
		Example: `  schemasync diff --source schema/ --target "$DATABASE_URL" > plan.sql
  schemasync apply --target "$DATABASE_URL" --file plan.sql`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runApply(cmd.Context(), s, reg, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "database URL (required)")
	f.StringVar(&opts.File, "file", "", "plan file to run (required)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not echo statements as they run")
	_ = cmd.MarkFlagRequired("target")
	_ = cmd.MarkFlagRequired("file")
	return cmd
}

func runApply(ctx context.Context, s streams, reg *engines.Registry, opts *applyOptions) error {
	side, err := runner.ResolveSide(opts.Target)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	if side.URL == "" {
		return fmt.Errorf("target: apply needs a database URL, not %s", opts.Target)
	}
	eng, err := runner.ChooseEngine(reg, "", side)
	if err != nil {
		return err
	}
	script, err := os.ReadFile(opts.File)
	if err != nil {
		return fmt.Errorf("read plan: %w", err)
	}
	aopts := engines.ApplyOptions{}
	if !opts.Quiet {
		aopts.Log = func(stmt string) { fmt.Fprintf(s.Err, "-- running: %s\n", firstLine(stmt)) }
	}
	res, err := eng.Apply(ctx, side.URL, string(script), aopts)
	if err != nil {
		var se *engines.StatementError
		if errors.As(err, &se) && se.File == "" {
			se.File = opts.File
		}
		if res != nil {
			fmt.Fprintf(s.Err, "applied %d statements before the failure; %d rolled back\n", res.Executed, res.RolledBack)
		}
		return err
	}
	fmt.Fprintf(s.Err, "applied %d statements to %s\n", res.Executed, side.Describe())
	return nil
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i] + " …"
		}
	}
	return s
}
