package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

// runApplyPlans applies plan files to their config targets, one target
// after another; a failing target does not stop the others.
func runApplyPlans(ctx context.Context, s streams, reg *engines.Registry, opts *applyOptions) error {
	plans, err := runner.ReadPlanFiles(opts.Plans)
	if err != nil {
		return err
	}
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	if opts.Merged {
		if plans, err = mergedPlans(ctx, s, p, plans); err != nil {
			return err
		}
	}
	hazards, err := hazardPolicy(p.cfg.Policy, opts.AllowHazards, opts.DenyHazards, opts.AllowDestructive)
	if err != nil {
		return err
	}
	var outcomes []runner.ApplyOutcome
	shard, err := runner.ParseShard(opts.Shard)
	if err != nil {
		return err
	}
	var all []string
	for _, pf := range plans {
		all = append(all, pf.Targets...)
	}
	if opts.Target != "" && !contains(all, opts.Target) {
		return fmt.Errorf("no plan file is for target %q (plans are for: %s)", opts.Target, strings.Join(all, ", "))
	}
	type sourceKey struct{ version, dir string }
	sources := map[sourceKey]*engines.Database{}
	var errs []error
	residue := false
	for _, pf := range plans {
		eng, err := reg.Get(pf.Engine)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", pf.Path, err))
			continue
		}
		key := sourceKey{pf.Version, pf.SchemaDir}
		src, ok := sources[key]
		if !ok {
			// Verification needs the source version; without it apply still runs.
			src, _, err = runner.LoadVersion(ctx, eng, p.repo, pf.Version, pf.SchemaDir, engines.ParseOptions{SkipUnsupported: true})
			if err != nil {
				fmt.Fprintf(s.Err, "warning: %s: cannot read source version %s, the result will not be verified: %v\n", pf.Path, pf.Version, err)
				src = nil
			}
			sources[key] = src
		}
		for _, name := range pf.Targets {
			if (opts.Target != "" && name != opts.Target) || !shard.Has(name, all) {
				continue
			}
			sel, err := p.cfg.SelectTargets([]string{name}, nil)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", pf.Path, err))
				continue
			}
			live, err := runner.ResolveTargets(sel, os.Getenv)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			req := runner.ApplyRequest{
				Engine: eng, Plan: pf, Target: live[0], Source: src, DryRun: opts.DryRun,
				AllowDestructive: opts.AllowDestructive || p.cfg.Policy.AllowDestructive, Hazards: hazards,
			}
			if !opts.Quiet {
				req.Log = func(stmt string) { fmt.Fprintf(s.Err, "-- %s: running: %s\n", name, firstLine(stmt)) }
			}
			if pf.Edited() {
				fmt.Fprintf(s.Err, "%s: plan %s was EDITED after it was made (its body checksum differs from the header's)\n", name, pf.Path)
			}
			rep, err := runner.Apply(ctx, req)
			outcomes = append(outcomes, runner.ApplyOutcome{Target: name, Plan: repoPath(p, pf.Path), Report: rep, Err: err})
			if err != nil {
				newCI(os.Getenv, nil).annotateError(s.Out, err)
				errs = append(errs, err)
				continue
			}
			switch {
			case rep.AlreadyApplied:
				fmt.Fprintf(s.Out, "%s: already applied (history id %d); nothing ran\n", name, rep.HistoryID)
			case rep.DryRun:
				fmt.Fprintf(s.Out, "%s: would apply %d statement(s) from %s (edited: %s)\n", name, rep.Statements-rep.Skipped, pf.Path, yesNo(rep.Edited))
			default:
				resumed := ""
				if rep.Skipped > 0 {
					resumed = fmt.Sprintf(", resumed after %d statement(s) done by an earlier run", rep.Skipped)
				}
				fmt.Fprintf(s.Out, "%s: applied %d statement(s) from %s (edited: %s%s); history id %d\n", name, rep.Executed, pf.Path, yesNo(rep.Edited), resumed, rep.HistoryID)
			}
			switch {
			case rep.Residue != nil:
				residue = true
				fmt.Fprintf(s.Out, "%s: DRIFT: the target does not match version %s; these statements would close the difference:\n%s", name, pf.Version, engines.RenderSQL(rep.Residue))
			case rep.Verified:
				fmt.Fprintf(s.Out, "%s: verified: the target matches version %s\n", name, pf.Version)
			}
		}
	}
	if opts.Report != "" {
		if err := reportApply(ctx, s, p, opts.Report, outcomes, os.Getenv); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if residue {
		return &exitError{code: 2}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// mergedPlans keeps the plan files that the HEAD commit added or changed:
// on the default branch after a merge, those are the plans just merged.
func mergedPlans(ctx context.Context, s streams, p *project, plans []*runner.PlanFile) ([]*runner.PlanFile, error) {
	dir, err := p.repo.RelPath(p.cfg.PlanPath())
	if err != nil {
		return nil, fmt.Errorf("plan_dir: %w", err)
	}
	changed, err := p.repo.ChangedFiles(ctx, "HEAD", dir)
	if err != nil {
		return nil, err
	}
	var out []*runner.PlanFile
	for _, pf := range plans {
		if contains(changed, repoPath(p, pf.Path)) {
			out = append(out, pf)
		}
	}
	if len(out) == 0 {
		fmt.Fprintln(s.Err, "--merged: the HEAD commit changed no plan file: nothing to apply")
	}
	return out, nil
}

// repoPath names a file by its path in the repository when it is inside it.
func repoPath(p *project, file string) string {
	if rel, err := p.repo.RelPath(file); err == nil {
		return rel
	}
	return file
}
