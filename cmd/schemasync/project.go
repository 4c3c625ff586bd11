package main

// Wiring shared by the commands that work on a project: schemasync.yaml,
// its git repository, its targets and their engine.

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
	"github.com/schemasync/schemasync/vcs"
)

// project is a loaded schemasync.yaml with its repository.
type project struct {
	cfg  *runner.Config
	repo *vcs.Repo
	// schemaDir is the schema directory relative to the repository root.
	schemaDir string
}

// loadProject reads the config (found upwards from the current directory
// when path is "") and opens the repository holding it.
func loadProject(path string) (*project, error) {
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if path, err = runner.FindConfig(wd); err != nil {
			return nil, err
		}
	}
	cfg, err := runner.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	repo, err := vcs.Open(cfg.Dir)
	if err != nil {
		return nil, err
	}
	dir, err := repo.RelPath(cfg.SchemaPath())
	if err != nil {
		return nil, fmt.Errorf("schema_dir: %w", err)
	}
	return &project{cfg: cfg, repo: repo, schemaDir: dir}, nil
}

// targets selects config targets by name and group, keeps the shard's
// share, and reads their URLs from the environment.
func (p *project) targets(names, groups []string, shard string) ([]runner.LiveTarget, error) {
	sel, err := p.cfg.SelectTargets(names, groups)
	if err != nil {
		return nil, err
	}
	sh, err := runner.ParseShard(shard)
	if err != nil {
		return nil, err
	}
	return runner.ResolveTargets(sh.Select(sel), os.Getenv)
}

// engine picks the one engine of the selected targets: the config's
// engine names (default and per target) and the URL schemes must agree.
func (p *project) engine(reg *engines.Registry, targets []runner.LiveTarget) (engines.Engine, error) {
	engineOf := map[string]string{}
	for _, ct := range p.cfg.Targets {
		engineOf[ct.Name] = ct.Engine
	}
	name, from := p.cfg.Engine, "the config"
	agree := func(n, where string) error {
		switch {
		case n == "" || n == name:
		case name == "":
			name, from = n, where
		default:
			return fmt.Errorf("%s says engine %s but %s says %s: select targets of one engine at a time", from, name, where, n)
		}
		return nil
	}
	for _, t := range targets {
		if err := agree(engineOf[t.Name], "target "+t.Name); err != nil {
			return nil, err
		}
		if e := reg.ForURL(t.URL); e != nil {
			if err := agree(e.Name(), "the URL of target "+t.Name); err != nil {
				return nil, err
			}
		}
	}
	if name == "" {
		return nil, fmt.Errorf("no engine: set engine in %s", runner.ConfigFileName)
	}
	return reg.Get(name)
}

// loader loads the project's schema at a revision.
func (p *project) loader(e engines.Engine, warn io.Writer) runner.VersionLoader {
	return func(ctx context.Context, rev string) (*engines.Database, runner.SourceVersion, error) {
		return runner.LoadVersion(ctx, e, p.repo, rev, p.schemaDir, engines.ParseOptions{Warn: func(msg string) {
			fmt.Fprintln(warn, "warning:", msg)
		}})
	}
}

// isTerminal reports whether w is a terminal, for progress lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// versionSide reads source files at a revision: dir (a directory inside a
// git repository) or, when dir is "", the schema directory of the config.
func versionSide(ctx context.Context, dir, config, rev string) (*runner.Side, error) {
	var repo *vcs.Repo
	var rel string
	if dir == "" {
		p, err := loadProject(config)
		if err != nil {
			return nil, err
		}
		repo, rel = p.repo, p.schemaDir
	} else {
		var err error
		if repo, err = vcs.Open(dir); err != nil {
			return nil, err
		}
		if rel, err = repo.RelPath(dir); err != nil {
			return nil, err
		}
	}
	files, v, err := runner.ReadVersion(ctx, repo, rev, rel)
	if err != nil {
		return nil, err
	}
	return &runner.Side{Spec: rel + "@" + v.Short(), Files: files}, nil
}
