package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type driftOptions struct {
	Config  string
	Version string
	Targets []string
	Groups  []string
	Shard   string
	Format  string
}

func newDriftCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &driftOptions{}
	cmd := &cobra.Command{
		Use:   "drift [--target NAME|--group G]... [--version REV]",
		Short: "Compare targets with the version they last applied (and a chosen version)",
		Long: `drift compares each selected target with the version it last applied, read from its
schemasync_history table, and with --version REV when given, and prints the
statements that would bring it back. Exit codes: 0 no drift, 2 drifted, 1 error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDrift(cmd.Context(), s, reg, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.StringVar(&opts.Version, "version", "", "also compare with this version (commit, tag, branch)")
	f.StringArrayVar(&opts.Targets, "target", nil, "target name (repeatable; default: all)")
	f.StringArrayVar(&opts.Groups, "group", nil, "target group (repeatable)")
	f.StringVar(&opts.Shard, "shard", "", "only shard i of n of the targets (i/n)")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

func runDrift(ctx context.Context, s streams, reg *engines.Registry, opts *driftOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--format must be text or json, not %q", opts.Format)
	}
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	targets, err := p.targets(opts.Targets, opts.Groups, opts.Shard)
	if err != nil {
		return err
	}
	eng, err := p.engine(reg, targets)
	if err != nil {
		return err
	}
	var reports []*runner.DriftReport
	failed, drifted := 0, 0
	for _, t := range targets {
		rep := runner.CheckDrift(ctx, runner.DriftRequest{Engine: eng, Target: t, Load: p.loader(eng, s.Err), Version: opts.Version})
		reports = append(reports, rep)
		switch {
		case rep.Err != nil:
			failed++
		case rep.Drifted():
			drifted++
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
	} else {
		for _, r := range reports {
			printDrift(s, r)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d target(s) could not be checked", failed)
	}
	if drifted > 0 {
		return &exitError{code: 2}
	}
	return nil
}

func printDrift(s streams, r *runner.DriftReport) {
	if r.Err != nil {
		fmt.Fprintf(s.Out, "%s: ERROR: %v\n", r.Target, r.Err)
		return
	}
	if r.LastApplied == nil {
		fmt.Fprintf(s.Out, "%s: no apply recorded in its history\n", r.Target)
	}
	for _, c := range []struct {
		label string
		cmp   *runner.DriftComparison
	}{{"the last applied version", r.AgainstLast}, {"version", r.AgainstChosen}} {
		if c.cmp == nil {
			continue
		}
		if !c.cmp.Drifted() {
			fmt.Fprintf(s.Out, "%s: matches %s %s\n", r.Target, c.label, c.cmp.Version.Short())
			continue
		}
		fmt.Fprintf(s.Out, "%s: DRIFTED from %s %s; to bring it back:\n%s", r.Target, c.label, c.cmp.Version.Short(),
			indent(engines.RenderSQL(c.cmp.Plan), "    "))
	}
}

func indent(text, pad string) string {
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "")
}

type historyOptions struct {
	Config  string
	Targets []string
	Limit   int
	Format  string
}

func newHistoryCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &historyOptions{}
	cmd := &cobra.Command{
		Use:   "history [--target NAME]...",
		Short: "Show the applies recorded in targets' schemasync_history tables",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHistory(cmd.Context(), s, reg, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.StringArrayVar(&opts.Targets, "target", nil, "target name (repeatable; default: all)")
	f.IntVarP(&opts.Limit, "limit", "n", 10, "show at most N applies per target (0: all)")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

func runHistory(ctx context.Context, s streams, reg *engines.Registry, opts *historyOptions) error {
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	targets, err := p.targets(opts.Targets, nil, "")
	if err != nil {
		return err
	}
	eng, err := p.engine(reg, targets)
	if err != nil {
		return err
	}
	all := map[string][]engines.HistoryRecord{}
	for _, t := range targets {
		recs, err := runner.History(ctx, eng, t, opts.Limit)
		if err != nil {
			return err
		}
		all[t.Name] = recs
		if opts.Format == "json" {
			continue
		}
		fmt.Fprintf(s.Out, "%s:\n", t.Name)
		if len(recs) == 0 {
			fmt.Fprintln(s.Out, "  no applies recorded")
		}
		for _, r := range recs {
			v := r.Version
			if len(v) > 12 {
				v = v[:12]
			}
			fmt.Fprintf(s.Out, "  #%d %s %-9s version %s edited=%s statements %d/%d by %s (%s)\n",
				r.ID, r.StartedAt, r.Status, v, yesNo(r.Edited), r.Done, r.Statements, r.AppliedBy, r.Agent)
			if r.Error != "" {
				fmt.Fprintf(s.Out, "      error: %s\n", firstLine(r.Error))
			}
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	return nil
}
