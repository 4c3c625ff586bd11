package conformance

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/schemasync/schemasync/engines"
)

// bigSite is what checking the big real schemas of one engine needs.
type bigSite struct {
	dir     string // <corpus>/big/<dir>
	engine  engines.Engine
	label   string
	version string
	// create makes the database a schema loads into (base is the file's
	// name without .sql); load runs the file there.
	create func(ctx context.Context, base string) (string, func(context.Context) error, error)
	load   func(ctx context.Context, dbURL, name, script string) error
	// filesMatch also plans the file itself against the loaded database,
	// which must be empty: the file read as schema files is what the
	// server made of it.
	filesMatch bool
}

// runBig checks each big real schema: load it into a fresh database, then
// Plan(Inspect(D), Parse(Dump(Inspect(D)))) must be empty and two dumps
// byte-identical (and, with filesMatch, Plan(Inspect(D), Parse(file))
// empty too). A schema that does not load is counted apart, as a corpus
// case is.
func runBig(ctx context.Context, site bigSite, corpus string, run *regexp.Regexp) (*Report, error) {
	files, err := filepath.Glob(filepath.Join(corpus, "big", site.dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	sort.Strings(files)
	rep := &Report{Engine: site.label, Corpus: corpus, ServerVersion: site.version, Parallel: 1, Started: time.Now()}
	for _, f := range files {
		id := "big/" + site.dir + "/" + filepath.Base(f)
		if run != nil && !run.MatchString(id) {
			continue
		}
		start := time.Now()
		res := bigCase(ctx, site, id, f)
		res.DurationMS = time.Since(start).Milliseconds()
		rep.Results = append(rep.Results, res)
		if ctx.Err() != nil {
			return rep, fmt.Errorf("conformance: interrupted: %w", ctx.Err())
		}
	}
	rep.DurationMS = time.Since(rep.Started).Milliseconds()
	return rep, nil
}

func bigCase(ctx context.Context, site bigSite, id, path string) *Result {
	res := &Result{Case: id}
	fail := func(stage string, err error) *Result {
		res.Status, res.Reason, res.Detail = StatusFail, stage+": "+firstLine(err.Error()), err.Error()
		return res
	}
	script, err := os.ReadFile(path)
	if err != nil {
		return fail("read", err)
	}
	dbURL, drop, err := site.create(ctx, strings.TrimSuffix(filepath.Base(path), ".sql"))
	if err != nil {
		return fail("create database", err)
	}
	defer dropDatabase(ctx, drop)
	if err := site.load(ctx, dbURL, filepath.Base(path), string(script)); err != nil {
		res.Status, res.Reason, res.Detail = StatusNoLoad, firstLine(err.Error()), err.Error()
		return res
	}
	eng := site.engine
	db, err := eng.Inspect(ctx, dbURL)
	if err != nil {
		return fail("inspect", err)
	}
	dumped, err := eng.Dump(db)
	if err != nil {
		return fail("dump", err)
	}
	again, err := eng.Inspect(ctx, dbURL)
	if err != nil {
		return fail("inspect again", err)
	}
	dumpedAgain, err := eng.Dump(again)
	if err != nil {
		return fail("dump again", err)
	}
	if !sameFiles(dumped, dumpedAgain) {
		return fail("determinism", errors.New("two dumps of the same database differ"))
	}
	notEmpty := func(what string, p *engines.Plan) *Result {
		res.Remaining = statementSQL(p)
		res.Status = StatusFail
		res.Reason = fmt.Sprintf("%s not empty: %d statements: %s", what, len(res.Remaining), firstLine(res.Remaining[0]))
		return res
	}
	if site.filesMatch {
		parsed, err := eng.Parse(ctx, []engines.File{{Path: filepath.Base(path), Text: string(script)}}, engines.ParseOptions{})
		if err != nil {
			return fail("parse", err)
		}
		p, err := eng.Plan(ctx, db, parsed, engines.PlanOptions{TargetURL: dbURL, AllowDrops: true})
		if err != nil {
			return fail("plan", err)
		}
		if !p.Empty() {
			return notEmpty("plan from the file", p)
		}
	}
	parsed, err := eng.Parse(ctx, dumped, engines.ParseOptions{})
	if err != nil {
		return fail("parse dump", err)
	}
	p, err := eng.Plan(ctx, db, parsed, engines.PlanOptions{TargetURL: dbURL, AllowDrops: true})
	if err != nil {
		return fail("plan", err)
	}
	if !p.Empty() {
		return notEmpty("round trip", p)
	}
	res.Status = StatusPass
	res.Reason = fmt.Sprintf("%d tables, %d views, %d routines, %d dump files",
		countTables(db), countViews(db), countFunctions(db), len(dumped))
	return res
}
