package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type applyOptions struct {
	Target string
	File   string
	Quiet  bool

	// With --plan: reviewed plan files applied to their config targets.
	Plans            []string
	Config           string
	Shard            string
	AllowDestructive bool
	AllowHazards     []string
	DenyHazards      []string
	DryRun           bool
	// Merged keeps the plan files the HEAD commit added or changed;
	// Report names the forge to comment the result on ("auto" detects it).
	Merged bool
	Report string
}

func newApplyCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &applyOptions{}
	cmd := &cobra.Command{
		Use:   "apply --target URL --file PLAN.sql | apply --plan FILE|DIR...",
		Short: "Run a plan file against a live database",
		Long: `apply runs the statements of a plan file against the target database.

PostgreSQL: the statements run in one transaction; statements that cannot run in a
transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE) or should not
(VALIDATE CONSTRAINT, whose lock lets writes go on only in its own transaction)
commit what came before them and run alone. The first error stops the run and names the statement
and its line in the plan file.

With --file, the statements' hazards are judged first, as for --plan below, from the
flags alone (--allow-hazards, --deny-hazards, --allow-destructive): a file that drops
data or blocks writes runs only when they allow it.

With --plan, apply runs plan files made by "schemasync plan" on their targets from
schemasync.yaml (--target NAME and --shard i/n narrow them). For each target it
takes a lock (so two applies never run at once), re-inspects the target and refuses
if it changed since the plan was made (drift guard), refuses destructive statements
unless the policy or --allow-destructive allows them, refuses statements whose
hazards (the "-- hazard" comments above each statement, and those its text shows)
the policy does not allow (policy.allow_hazards, --allow-hazards) or denies
(policy.deny_hazards, --deny-hazards: deny wins over any allow, "all" and the
default-allowed kinds included), runs the plan body exactly as
it is in the file (saying whether it was edited), records the run in the target's
schemasync_history table, and verifies the target against the plan's source
version. A failed run resumes, when run again, after its last statement that
succeeded. Exit codes: 0 applied and verified, 2 applied but a residue remains
(drift), 1 error.`,
		Example: `  schemasync diff --source schema/ --target "$DATABASE_URL" > plan.sql
  schemasync apply --target "$DATABASE_URL" --file plan.sql
  schemasync apply --plan plans/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := runner.ParseHazardKinds(strings.Join(opts.AllowHazards, ",")); err != nil {
				return fmt.Errorf("--allow-hazards: %w", err)
			}
			if _, err := runner.ParseHazardKinds(strings.Join(opts.DenyHazards, ",")); err != nil {
				return fmt.Errorf("--deny-hazards: %w", err)
			}
			if len(opts.Plans) > 0 {
				if opts.File != "" {
					return errors.New("--file and --plan exclude each other: --file runs a plain SQL file on --target URL")
				}
				return runApplyPlans(cmd.Context(), s, reg, opts)
			}
			var missing []string
			for _, n := range []string{"target", "file"} {
				if !cmd.Flags().Changed(n) {
					missing = append(missing, `"`+n+`"`)
				}
			}
			if len(missing) > 0 {
				return fmt.Errorf("required flag(s) %s not set", strings.Join(missing, ", "))
			}
			return runApply(cmd.Context(), s, reg, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "database URL (required with --file); with --plan, a config target name to apply to")
	f.StringVar(&opts.File, "file", "", "plan file to run (required without --plan)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not echo statements as they run")
	f.StringArrayVar(&opts.Plans, "plan", nil, "plan file or directory made by schemasync plan (repeatable)")
	f.StringVar(&opts.Config, "config", "", "config file with --plan (default: schemasync.yaml found upwards)")
	f.StringVar(&opts.Shard, "shard", "", "with --plan: apply only to shard i of n of the targets (i/n)")
	f.BoolVar(&opts.AllowDestructive, "allow-destructive", false, "allow destructive statements (deletes_data)")
	f.StringSliceVar(&opts.AllowHazards, "allow-hazards", nil, "also allow statements with these hazard kinds (comma-separated, or all); index_build, may_fail_on_data, not_transactional and recreates_object are allowed by default")
	f.StringSliceVar(&opts.DenyHazards, "deny-hazards", nil, "refuse statements with these hazard kinds (comma-separated, or all), whatever allows them: the defaults, --allow-hazards, all, --allow-destructive")
	f.BoolVar(&opts.DryRun, "dry-run", false, "with --plan: check lock, drift guard and policy, run nothing")
	f.BoolVar(&opts.Merged, "merged", false, "with --plan: apply only the plan files that the HEAD commit (a merge) added or changed")
	f.StringVar(&opts.Report, "report", "", "with --plan: comment the result on the request HEAD merged: github, gitlab or auto")
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
	// The file is judged like a plan body: the hazards its "-- hazard"
	// comments declare and those its statements show.
	allow, _ := runner.ParseHazardKinds(strings.Join(opts.AllowHazards, ","))
	deny, _ := runner.ParseHazardKinds(strings.Join(opts.DenyHazards, ","))
	policy := runner.HazardPolicy{Allow: allow, Deny: deny, AllowDestructive: opts.AllowDestructive}
	if refused := policy.RefusedScript(eng.Name(), string(script)); len(refused) > 0 {
		return &runner.HazardError{Target: side.Describe(), Statements: refused, Policy: policy, FlagsOnly: true}
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
