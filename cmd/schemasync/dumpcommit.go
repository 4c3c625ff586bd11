package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
	"github.com/schemasync/schemasync/vcs"
)

var authorRe = regexp.MustCompile(`^\s*([^<]+?)\s*<([^>]+)>\s*$`)

// runDumpCommit is "dump a database to make a version": inspect a config
// target, dump it into the schema directory (or --out inside the
// repository) and commit that directory alone.
func runDumpCommit(ctx context.Context, s streams, reg *engines.Registry, opts *dumpOptions) error {
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	if opts.Target == "" {
		return fmt.Errorf("--commit needs --target NAME, a target of %s", runner.ConfigFileName)
	}
	sel, err := p.cfg.SelectTargets([]string{opts.Target}, nil)
	if err != nil {
		return err
	}
	live, err := runner.ResolveTargets(sel, nil)
	if err != nil {
		return err
	}
	eng, err := p.engine(reg, live)
	if err != nil {
		return err
	}
	var author vcs.Signature
	if opts.Author != "" {
		m := authorRe.FindStringSubmatch(opts.Author)
		if m == nil {
			return fmt.Errorf(`--author %q: want "Name <email>"`, opts.Author)
		}
		author = vcs.Signature{Name: m[1], Email: m[2]}
	}
	out, rel := p.cfg.SchemaPath(), p.schemaDir
	if opts.Out != "" {
		out = opts.Out
		if rel, err = p.repo.RelPath(out); err != nil {
			return err
		}
	}
	// The history objects are the runner's, not part of any version.
	db, _, err := runner.InspectTarget(ctx, eng, live[0].URL)
	if err != nil {
		return fmt.Errorf("inspect target %s: %w", opts.Target, err)
	}
	files, err := eng.Dump(db)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	written, removed, err := runner.WriteDump(out, files)
	if err != nil {
		return err
	}
	msg := opts.Message
	if strings.TrimSpace(msg) == "" {
		msg = fmt.Sprintf("schema: dump of target %s", opts.Target)
	}
	hash, err := p.repo.CommitDir(ctx, rel, msg, author)
	if err != nil {
		return err
	}
	if hash == "" {
		fmt.Fprintf(s.Err, "target %s matches the schema directory %s already: no new version\n", opts.Target, filepath.Clean(out))
		return nil
	}
	fmt.Fprintf(s.Err, "dumped target %s to %s (%d files, %d written, %d removed)\n", opts.Target, filepath.Clean(out), len(files), written, removed)
	fmt.Fprintln(s.Out, hash)
	return nil
}
