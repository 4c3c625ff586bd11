// Package conformance runs the engine under test over schema pairs written
// by other projects (the corpora beside the repository) and judges each
// case by convergence against a real server: load from.sql into a fresh
// database, plan towards to.sql, apply, then the catalog must equal a fresh
// database loaded with to.sql, and planning again must give nothing.
//
// The corpora are not part of the repository; nothing in `go test ./...`
// depends on them.
package conformance

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dumptool"
)

// Status is the outcome of one case.
type Status string

// Case outcomes. Only pass and fail count towards the pass rate.
const (
	StatusPass Status = "pass"
	StatusFail Status = "fail"
	// StatusSkip: the server cannot run the case (version, extension, flavor).
	StatusSkip Status = "skip"
	// StatusNoLoad: from.sql or to.sql does not load on the server, so the
	// case says nothing about the engine.
	StatusNoLoad Status = "does_not_load"
	// StatusExpectedError: the peer expects a refusal; the reason tells what we did.
	StatusExpectedError Status = "expected_error"
)

// Options tune a run.
type Options struct {
	// Corpus is the corpora directory (holding postgres/, mysql/, ...).
	Corpus string
	// Run selects cases whose path ("postgres/sqldef/AddArrayColumn")
	// matches; nil runs all.
	Run *regexp.Regexp
	// Parallel bounds the cases run at once (default 4).
	Parallel int
	// Timeout bounds one case (default 60 s).
	Timeout time.Duration
	// DumpJudge also compares the server's own dumps (pg_dump,
	// mariadb-dump) of the applied database and of to.sql's, where the
	// backend has one: a second judge that does not share the inspector's
	// blind spots.
	DumpJudge bool
}

// Result is the outcome of one case.
type Result struct {
	Case   string `json:"case"`
	Status Status `json:"status"`
	// Reason is one line: why it failed, was skipped, or did not load.
	Reason string `json:"reason,omitempty"`
	// Detail is the whole error text, when there was one.
	Detail string `json:"detail,omitempty"`
	// Statements is the plan that was applied.
	Statements []string `json:"statements,omitempty"`
	// Remaining is what a plan from the applied database to the to.sql
	// database still holds (empty when converged).
	Remaining []string `json:"remaining,omitempty"`
	// Replanned is what planning towards to.sql again gives (empty when idempotent).
	Replanned  []string `json:"replanned,omitempty"`
	DurationMS int64    `json:"duration_ms"`
}

// Report is a whole run.
type Report struct {
	Engine        string    `json:"engine"`
	Corpus        string    `json:"corpus"`
	ServerVersion string    `json:"server_version"`
	Parallel      int       `json:"parallel"`
	Started       time.Time `json:"started"`
	DurationMS    int64     `json:"duration_ms"`
	Results       []*Result `json:"results"`
}

// Count returns how many results have the status.
func (r *Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// caseDir is one case found in the corpus.
type caseDir struct {
	id   string // path relative to the corpus, with forward slashes
	dir  string
	meta *Meta
}

// Run runs every selected case of the backend's engine. It returns an
// error only when it cannot run at all (no corpus, no server); failing cases
// are results.
func Run(ctx context.Context, b Backend, opts Options) (*Report, error) {
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	engine := b.Engine().Name()
	if cn, ok := b.(corpusNamer); ok {
		engine = cn.CorpusName()
	}
	cases, err := findCases(opts.Corpus, engine, opts.Run)
	if err != nil {
		return nil, err
	}
	srv, err := b.Server(ctx)
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	rep := &Report{Engine: engine, Corpus: opts.Corpus, ServerVersion: srv.Version, Parallel: opts.Parallel,
		Started: time.Now(), Results: make([]*Result, len(cases))}

	// Gates first, so roles are created once, before any case runs.
	var todo []int
	roles := map[string]bool{}
	for i, c := range cases {
		if c.meta == nil {
			continue // meta.yaml did not read: result already set below
		}
		if why := SkipReason(c.meta, srv); why != "" {
			rep.Results[i] = &Result{Case: c.id, Status: StatusSkip, Reason: why}
			continue
		}
		todo = append(todo, i)
		for _, r := range c.meta.Requires.Roles {
			roles[r] = true
		}
		if r := c.meta.Requires.ConnectAsRole; r != "" {
			roles[r] = true
		}
	}
	for i, c := range cases {
		if c.meta == nil {
			rep.Results[i] = &Result{Case: c.id, Status: StatusFail, Reason: "meta.yaml does not read"}
		}
	}
	if err := b.EnsureRoles(ctx, sortedKeys(roles)); err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		_ = b.Close(cctx) // leftover ss_cf_* databases are harmless and named for cleanup
	}()

	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < opts.Parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rep.Results[i] = runCase(ctx, b, cases[i], opts)
			}
		}()
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	rep.DurationMS = time.Since(rep.Started).Milliseconds()
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("conformance: interrupted: %w", err)
	}
	return rep, nil
}

// findCases lists <corpus>/<engine>/<project>/<case> directories, sorted.
func findCases(corpus, engine string, run *regexp.Regexp) ([]*caseDir, error) {
	root := filepath.Join(corpus, engine)
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("conformance: no corpus for %s at %s (set --corpus)", engine, root)
	}
	dirs, err := filepath.Glob(filepath.Join(root, "*", "*"))
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	sort.Strings(dirs)
	var cases []*caseDir
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		rel, err := filepath.Rel(corpus, d)
		if err != nil {
			return nil, fmt.Errorf("conformance: %w", err)
		}
		id := filepath.ToSlash(rel)
		if run != nil && !run.MatchString(id) {
			continue
		}
		c := &caseDir{id: id, dir: d}
		c.meta, _ = ReadMeta(d) // nil meta is reported as a failing case
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("conformance: no case under %s matches", root)
	}
	return cases, nil
}

// runCase runs one case under its timeout. An engine that ignores its
// context is abandoned after a grace period, so one stuck case cannot stop
// the run.
func runCase(ctx context.Context, b Backend, c *caseDir, opts Options) *Result {
	timeout := opts.Timeout
	start := time.Now()
	done := make(chan *Result, 1)
	go func() {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		obs := execute(cctx, b, c, opts.DumpJudge)
		done <- judge(c.id, obs, c.meta.ExpectsError())
	}()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(timeout + 15*time.Second):
		res = &Result{Case: c.id, Status: StatusFail, Reason: fmt.Sprintf("timeout after %s (the engine ignored cancellation)", timeout)}
	}
	res.DurationMS = time.Since(start).Milliseconds()
	return res
}

// observation is what running a case showed, before judging it.
type observation struct {
	loadErr   error // from.sql or to.sql did not load
	err       error // anything else went wrong
	plan      []string
	remaining []string
	replanned []string
	dumpDiff  []string // what the server's dumps of the two sides differ in
}

// execute runs the convergence and idempotence checks of one case.
func execute(ctx context.Context, b Backend, c *caseDir, dumpJudge bool) (obs observation) {
	defer func() {
		if r := recover(); r != nil {
			obs.err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	// fail names the stage and says "timeout" plainly when the case ran
	// out of time, whatever the driver's message.
	fail := func(stage string, err error) observation {
		if ctx.Err() != nil {
			obs.err = fmt.Errorf("timeout in %s: %w", stage, err)
		} else {
			obs.err = fmt.Errorf("%s: %w", stage, err)
		}
		return obs
	}
	from, err := readOptional(filepath.Join(c.dir, "from.sql"))
	if err != nil {
		return fail("read from.sql", err)
	}
	to, err := os.ReadFile(filepath.Join(c.dir, "to.sql"))
	if err != nil {
		return fail("read to.sql", err)
	}

	// The two sides are loaded first, so that a case whose files do not
	// load costs no parse. Files written for a database of their own name
	// run again in one (see namedDatabases), one side after the other.
	release := func() {}
	nb, named := b.(namedDatabases)
	if named {
		release = nb.LockNames(false)
	}
	defer func() { release() }()
	sides, cleanup, err := loadSides(ctx, b, c.meta, from, string(to), "")
	defer cleanup()
	if name := missingDatabase(ctx, b, err); name != "" && ctx.Err() == nil {
		cleanup()
		release()
		release = nb.LockNames(true)
		sides, cleanup, err = loadSides(ctx, b, c.meta, from, string(to), name)
		defer cleanup()
	}
	if err != nil {
		var le *loadError
		if errors.As(err, &le) && ctx.Err() == nil {
			obs.loadErr = le.err
			return obs
		}
		return fail("prepare databases", err)
	}
	dbA := sides.fromURL

	eng := b.Engine()
	files := []engines.File{{Path: "to.sql", Text: string(to)}}
	popts := engines.PlanOptions{TargetURL: dbA, AllowDrops: true}
	// A case run as a role has that role's schema first in search_path:
	// the files' unqualified names are meant to land there.
	var parseOpts engines.ParseOptions
	if c.meta.Requires.ConnectAsRole != "" {
		parseOpts.DefaultSchema = roleSchema
	}
	source, err := eng.Parse(ctx, files, parseOpts)
	if err != nil {
		return fail("parse", err)
	}
	target, err := eng.Inspect(ctx, dbA)
	if err != nil {
		return fail("inspect", err)
	}
	plan, err := eng.Plan(ctx, target, source, popts)
	if err != nil {
		return fail("plan", err)
	}
	obs.plan = statementSQL(plan)
	if !plan.Empty() {
		if _, err := eng.Apply(ctx, dbA, render(plan), engines.ApplyOptions{}); err != nil {
			return fail("apply", err)
		}
	}

	// The catalog is the judge: the applied database against one loaded
	// straight from to.sql, both read by the same inspector.
	after, err := eng.Inspect(ctx, dbA)
	if err != nil {
		return fail("inspect after apply", err)
	}
	d, dumps := b.(catalogDumper)
	dumps = dumps && dumpJudge
	var dumpA []string
	if dumps {
		// Before want: a named case's to.sql database replaces this one.
		if dumpA, err = d.DumpCanonical(ctx, dbA); err != nil {
			return fail("dump after apply", err)
		}
	}
	want, err := sides.want(ctx)
	if err != nil {
		var le *loadError
		if errors.As(err, &le) && ctx.Err() == nil {
			obs.loadErr = le.err
			return obs
		}
		return fail("inspect to.sql database", err)
	}
	diff, err := eng.Plan(ctx, after, want, popts)
	if err != nil {
		return fail("convergence plan", err)
	}
	obs.remaining = statementSQL(diff)
	if dumps {
		dumpB, err := d.DumpCanonical(ctx, sides.toURL)
		if err != nil {
			return fail("dump to.sql database", err)
		}
		obs.dumpDiff = dumptool.Differences(dumpA, dumpB)
	}

	// Parse again rather than reuse source, in case Plan changed it.
	source, err = eng.Parse(ctx, files, parseOpts)
	if err != nil {
		return fail("parse again", err)
	}
	again, err := eng.Plan(ctx, after, source, popts)
	if err != nil {
		return fail("idempotence plan", err)
	}
	obs.replanned = statementSQL(again)
	return obs
}

// caseSides are a case's loaded databases: from.sql's, and the catalog of
// to.sql's, read when the convergence check needs it.
type caseSides struct {
	fromURL string
	want    func(ctx context.Context) (*engines.Database, error)
	toURL   string // to.sql's database, once want has loaded it
}

// loadError is a case file that did not load: the case is counted apart.
type loadError struct{ err error }

func (e *loadError) Error() string { return e.err.Error() }
func (e *loadError) Unwrap() error { return e.err }

// loadSides creates the case's databases and loads from.sql and to.sql. With
// a name, from.sql's database takes it and to.sql's takes it after that
// one is dropped, when want is called. cleanup drops what is left (safe to
// call twice).
func loadSides(ctx context.Context, b Backend, meta *Meta, from, to, name string) (*caseSides, func(), error) {
	var drops []func(context.Context) error
	cleanup := func() {
		for i := len(drops) - 1; i >= 0; i-- {
			dropDatabase(ctx, drops[i])
		}
		drops = nil
	}
	create := func() (string, error) {
		var (
			u    string
			drop func(context.Context) error
			err  error
		)
		if name != "" {
			u, drop, err = b.(namedDatabases).CreateNamedDatabase(ctx, name)
		} else {
			u, drop, err = b.CreateDatabase(ctx, meta)
		}
		if err != nil {
			return "", fmt.Errorf("create database: %w", err)
		}
		drops = append(drops, drop)
		return u, nil
	}
	load := func(u, file, text string) error {
		if err := b.Load(ctx, u, file, text); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("load %s: %w", file, err)
			}
			return &loadError{err}
		}
		return nil
	}
	dbA, err := create()
	if err != nil {
		return nil, cleanup, err
	}
	if err := load(dbA, "from.sql", from); err != nil {
		return nil, cleanup, err
	}
	sides := &caseSides{fromURL: dbA}
	if name != "" {
		sides.want = func(ctx context.Context) (*engines.Database, error) {
			cleanup()
			dbB, err := create()
			if err != nil {
				return nil, err
			}
			if err := load(dbB, "to.sql", to); err != nil {
				return nil, err
			}
			sides.toURL = dbB
			return b.Engine().Inspect(ctx, dbB)
		}
		return sides, cleanup, nil
	}
	dbB, err := create()
	if err != nil {
		return nil, cleanup, err
	}
	if err := load(dbB, "to.sql", to); err != nil {
		return nil, cleanup, err
	}
	sides.toURL = dbB
	sides.want = func(ctx context.Context) (*engines.Database, error) { return b.Engine().Inspect(ctx, dbB) }
	return sides, cleanup, nil
}

// missingDatabase is the database a case's files need by name, when the
// backend can make one and the load failed for want of it.
func missingDatabase(ctx context.Context, b Backend, err error) string {
	nb, ok := b.(namedDatabases)
	var le *loadError
	if !ok || !errors.As(err, &le) {
		return ""
	}
	return nb.MissingDatabase(ctx, le.err)
}

// judge turns an observation into a result.
func judge(id string, obs observation, expectsError bool) *Result {
	res := &Result{Case: id, Statements: obs.plan, Remaining: obs.remaining, Replanned: obs.replanned}
	switch {
	case obs.loadErr != nil:
		res.Status, res.Reason, res.Detail = StatusNoLoad, firstLine(obs.loadErr.Error()), obs.loadErr.Error()
	case expectsError:
		res.Status = StatusExpectedError
		switch {
		case obs.err != nil:
			res.Reason, res.Detail = "we refused too: "+firstLine(obs.err.Error()), obs.err.Error()
		case len(obs.remaining) > 0 || len(obs.replanned) > 0:
			res.Reason = "we did not refuse and did not converge"
		default:
			res.Reason = "we did not refuse and converged"
		}
	case obs.err != nil:
		res.Status, res.Reason, res.Detail = StatusFail, firstLine(obs.err.Error()), obs.err.Error()
	case len(obs.remaining) > 0:
		res.Status = StatusFail
		res.Reason = fmt.Sprintf("not converged: %d statements remain: %s", len(obs.remaining), firstLine(obs.remaining[0]))
	case len(obs.replanned) > 0:
		res.Status = StatusFail
		res.Reason = fmt.Sprintf("not idempotent: %d statements planned again: %s", len(obs.replanned), firstLine(obs.replanned[0]))
	case len(obs.dumpDiff) > 0:
		res.Status = StatusFail
		res.Reason = fmt.Sprintf("the server's dumps differ in %d statements: %s", len(obs.dumpDiff), firstLine(obs.dumpDiff[0]))
		res.Detail = strings.Join(obs.dumpDiff, "\n")
	default:
		res.Status = StatusPass
	}
	return res
}

// render is the plan file apply runs: each statement and a semicolon.
func render(p *engines.Plan) string {
	var b strings.Builder
	for _, s := range p.Statements {
		b.WriteString(strings.TrimRight(strings.TrimSpace(s.SQL), ";"))
		b.WriteString(";\n")
	}
	return b.String()
}

func statementSQL(p *engines.Plan) []string {
	if p == nil {
		return nil
	}
	out := make([]string, 0, len(p.Statements))
	for _, s := range p.Statements {
		out = append(out, s.SQL)
	}
	return out
}

func dropDatabase(ctx context.Context, drop func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	_ = drop(ctx) // a leftover ss_cf_* database is harmless and named for cleanup
}

// readOptional reads a file that may be absent (an empty from.sql means
// starting from an empty database).
func readOptional(path string) (string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return string(data), err
}

// firstLine returns the first non-blank line of s, trimmed and cut to a
// length that fits a summary line.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if r := []rune(l); len(r) > 240 {
				l = string(r[:240]) + "…"
			}
			return l
		}
	}
	return ""
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
