// Package runner is the pipeline from schema versions and live targets to
// plans, previews and applied changes. This file resolves the two sides of
// a comparison: a file, a directory of files, or a live database URL.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// Side is one side of a comparison as the user named it.
type Side struct {
	// Spec is what the user wrote: a path or a URL.
	Spec string
	// URL is set when the side is a live database.
	URL string
	// Files holds the schema files when the side is a file or directory.
	Files []engines.File
}

// Describe names the side for messages without revealing secrets.
func (s *Side) Describe() string {
	if s.URL != "" {
		return dsn.Redact(s.URL)
	}
	return s.Spec
}

// isURL reports whether spec looks like a connection URL.
func isURL(spec string) bool {
	i := strings.Index(spec, "://")
	return i > 0 && !strings.ContainsAny(spec[:i], `/\.`)
}

// ResolveSide reads a side: a URL is kept as is, a file or a directory is
// read into memory (every *.sql file below a directory, in path order).
func ResolveSide(spec string) (*Side, error) {
	if spec == "" {
		return nil, errors.New("empty source or target")
	}
	if isURL(spec) {
		return &Side{Spec: spec, URL: spec}, nil
	}
	files, err := ReadSQLFiles(spec)
	if err != nil {
		return nil, err
	}
	return &Side{Spec: spec, Files: files}, nil
}

// ReadSQLFiles reads a .sql file, or every .sql file below a directory.
func ReadSQLFiles(path string) ([]engines.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	if !info.IsDir() {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		return []engines.File{{Path: path, Text: string(b)}}, nil
	}
	var files []engines.File
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".sql") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, engines.File{Path: p, Text: string(b)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read schema directory %s: %w", path, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// ChooseEngine picks the engine for a comparison: from a URL scheme of
// either side, else from the name given with --engine. Both must agree.
func ChooseEngine(reg *engines.Registry, name string, sides ...*Side) (engines.Engine, error) {
	var chosen engines.Engine
	for _, s := range sides {
		if s == nil || s.URL == "" {
			continue
		}
		e := reg.ForURL(s.URL)
		if e == nil {
			return nil, fmt.Errorf("%s: unknown URL scheme (known engines: %s)", s.Describe(), strings.Join(reg.Names(), ", "))
		}
		if chosen != nil && chosen.Name() != e.Name() {
			return nil, fmt.Errorf("source and target are different engines (%s, %s)", chosen.Name(), e.Name())
		}
		chosen = e
	}
	if name != "" {
		e, err := reg.Get(name)
		if err != nil {
			return nil, err
		}
		if chosen != nil && chosen.Name() != e.Name() {
			return nil, fmt.Errorf("--engine %s does not match the URL's engine %s", name, chosen.Name())
		}
		return e, nil
	}
	if chosen == nil {
		return nil, errors.New("both sides are files: name their dialect with --engine (" + strings.Join(reg.Names(), ", ") + ")")
	}
	return chosen, nil
}

// Load reads a side into the model with the engine.
func Load(ctx context.Context, e engines.Engine, s *Side, opts engines.ParseOptions) (*engines.Database, error) {
	if s.URL != "" {
		db, err := e.Inspect(ctx, s.URL)
		if err != nil {
			return nil, fmt.Errorf("inspect %s: %w", s.Describe(), err)
		}
		return db, nil
	}
	db, err := e.Parse(ctx, s.Files, opts)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// LoadPair reads the source and the target at once, so that parsing
// files and inspecting a live database overlap. Parse warnings are
// passed on after both are read, the source's first, as Load one after
// the other would order them. Errors say which side failed ("source: …",
// "target: …"), the source's first.
func LoadPair(ctx context.Context, e engines.Engine, src, tgt *Side, opts engines.ParseOptions) (source, target *engines.Database, err error) {
	var srcWarn, tgtWarn []string
	sopts, topts := opts, opts
	sopts.Warn = func(msg string) { srcWarn = append(srcWarn, msg) }
	topts.Warn = func(msg string) { tgtWarn = append(tgtWarn, msg) }
	var terr error
	tctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		target, terr = Load(tctx, e, tgt, topts)
	}()
	source, serr := Load(ctx, e, src, sopts)
	if serr != nil {
		cancel() // the source's error is the one reported
	}
	<-done
	if opts.Warn != nil {
		for _, w := range append(srcWarn, tgtWarn...) {
			opts.Warn(w)
		}
	}
	switch {
	case serr != nil:
		return nil, nil, fmt.Errorf("source: %w", serr)
	case terr != nil:
		return nil, nil, fmt.Errorf("target: %w", terr)
	}
	return source, target, nil
}
