package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/runner"
)

// seed is the generator seed of every benchmark schema.
const seed = 1

// options are the benchmark's settings (see main for the flags).
type options struct {
	Engine string // postgres, mariadb or mysql
	Admin  string // admin URL (postgres) or DSN (mariadb, mysql)
	Tables []int
	Runs   int
	// Ref is "auto" (the server's own dumper) or "none".
	Ref        string
	RefTimeout time.Duration // 0: no bound
	RefRuns    int           // runs of the reference; 0: Runs
	// FleetTargets targets of FleetTables tables each are planned at once
	// with Parallel, and compared with planning one of them; 0: no fleet.
	FleetTargets, FleetTables, Parallel int
	// Latency, when positive, puts the fleet's targets behind a relay
	// that delays each direction by it (see relay.go).
	Latency time.Duration
	// Bin is a schemasync binary to measure; "" builds one.
	Bin string
	// Prefix starts the names of the databases the benchmark keeps.
	Prefix string
	// Drop drops the databases at the end instead of keeping them for
	// the next run.
	Drop bool
	// Keep leaves the work directory in place and names it on stderr.
	Keep       bool
	ModuleRoot string
	// Command is the command line, for the report.
	Command string
	Log     io.Writer
}

// sizeResult is one row of the report: the medians of one size.
type sizeResult struct {
	Tables                                   int
	Parse, Inspect, Plan, Diff, PlanCmd, Ref time.Duration
	// RefNote says why Ref is missing or bounded ("skipped", "timeout").
	RefNote          string
	DiffRSS, PlanRSS int64
	Queries          int
	Statements       int
	Load             string
}

// fleetResult is the fleet measurement.
type fleetResult struct {
	Targets, Tables, Parallel int
	One, All                  time.Duration
	OneRSS, AllRSS            int64
	Plans                     int
	// RefOne and RefAll are the reference dumper on one of the targets
	// and on all of them, Parallel at a time (medians); zero when skipped.
	RefOne, RefAll time.Duration
	RefLabel       string
	// Latency is the relay's delay each way (0: no relay); the counts are
	// the connections and round trips through it of the last run.
	Latency            time.Duration
	OneConns, OneTrips int64
	// Floor is what reading the bare catalog rows of the same targets
	// costs (PostgreSQL; nil elsewhere).
	Floor              *floorResult
	AllConns, AllTrips int64
}

// report is what the benchmark prints.
type report struct {
	Engine, Server, Reference, Machine, Load string
	Runs, RefRuns                            int
	Date                                     time.Time
	Command                                  string
	Sizes                                    []sizeResult
	Fleet                                    *fleetResult
}

// countingInspector is an engine that counts the catalog queries of an
// inspection.
type countingInspector interface {
	InspectCounted(ctx context.Context, url string) (*engines.Database, int, error)
}

// bench holds one run's state.
type bench struct {
	opts  options
	srv   server
	eng   engines.Engine
	bin   string
	work  string
	spawn *spawner
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.opts.Log, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// run measures every size (and the fleet) and writes the Markdown report.
func run(ctx context.Context, opts options, out io.Writer) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Runs < 1 {
		opts.Runs = 1
	}
	if opts.RefRuns < 1 || opts.RefRuns > opts.Runs {
		opts.RefRuns = opts.Runs
	}
	srv, err := newServer(opts.Engine, opts.Admin, opts.ModuleRoot)
	if err != nil {
		return err
	}
	// First, while this process is small (see spawn.go).
	spawn, err := startSpawner(ctx)
	if err != nil {
		return err
	}
	defer spawn.close()
	work, err := os.MkdirTemp("", "schemasync-bench-")
	if err != nil {
		return err
	}
	if opts.Keep {
		defer fmt.Fprintf(os.Stderr, "work directory kept: %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	b := &bench{opts: opts, srv: srv, eng: srv.engine(), bin: opts.Bin, work: work, spawn: spawn}
	if _, ok := b.eng.(countingInspector); !ok {
		return fmt.Errorf("engine %s cannot count its catalog queries", b.eng.Name())
	}
	if b.bin == "" {
		if b.bin, err = b.build(ctx); err != nil {
			return err
		}
	}
	rep := &report{Engine: opts.Engine, Runs: opts.Runs, RefRuns: opts.RefRuns, Date: time.Now().UTC(),
		Command: opts.Command, Machine: machine(), Load: loadAverage()}
	if rep.Server, err = srv.version(ctx); err != nil {
		return fmt.Errorf("server version: %w", err)
	}
	var kept []string
	if opts.Drop {
		defer func() {
			for _, name := range kept {
				if err := srv.drop(context.WithoutCancel(ctx), name); err != nil {
					b.logf("drop %s: %v", name, err)
				}
			}
		}()
	}
	for _, n := range opts.Tables {
		name := fmt.Sprintf("%s_%d", opts.Prefix, n)
		kept = append(kept, name)
		res, ref, err := b.measureSize(ctx, name, n)
		if err != nil {
			return fmt.Errorf("%d tables: %w", n, err)
		}
		if ref != "" {
			rep.Reference = ref
		}
		rep.Sizes = append(rep.Sizes, res)
	}
	if opts.FleetTargets > 0 {
		f, names, err := b.measureFleet(ctx)
		kept = append(kept, names...)
		if err != nil {
			return fmt.Errorf("fleet: %w", err)
		}
		rep.Fleet = f
	}
	return writeReport(out, rep)
}

// build compiles the schemasync command into the scratch directory.
func (b *bench) build(ctx context.Context) (string, error) {
	bin := filepath.Join(b.work, "schemasync")
	b.logf("building %s", bin)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/schemasync")
	cmd.Dir = b.opts.ModuleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/schemasync: %w\n%s", err, out)
	}
	return bin, nil
}

// marker tells what a kept database holds.
func marker(tables, clone int) string {
	m := fmt.Sprintf("schemasync bench: benchgen v%d, %d tables, seed %d", benchgen.Version, tables, seed)
	if clone > 0 {
		m += fmt.Sprintf(", clone %d", clone)
	}
	return m
}

// ensure makes database name hold the base schema of the given size,
// reusing it when its marker says it does; it returns how it got there.
func (b *bench) ensure(ctx context.Context, name string, tables int) (string, error) {
	want := marker(tables, 0)
	got, exists, err := b.srv.marker(ctx, name)
	if err != nil {
		return "", fmt.Errorf("read the marker of %s: %w", name, err)
	}
	if exists && got == want {
		b.logf("%s: cached (%s)", name, want)
		return "cached", nil
	}
	b.logf("%s: loading %d tables", name, tables)
	start := time.Now()
	if err := b.srv.create(ctx, name); err != nil {
		return "", err
	}
	if err := b.srv.load(ctx, name, tables); err != nil {
		return "", err
	}
	if err := b.srv.setMarker(ctx, name, want); err != nil {
		return "", fmt.Errorf("mark %s: %w", name, err)
	}
	took := time.Since(start)
	b.logf("%s: loaded in %v", name, took.Round(time.Millisecond))
	return "loaded in " + fmtDur(took), nil
}

// source writes the changed version of a size as canonical schema files
// (parse, then dump: the files a repository of dumped versions holds)
// into a git repository with a schemasync.yaml naming the targets, and
// returns the repository and the files as the CLI reads them.
func (b *bench) source(ctx context.Context, tables int, targets []string) (string, []engines.File, error) {
	_, changed := b.srv.scripts(tables)
	db, err := b.eng.Parse(ctx, []engines.File{{Path: "changed.sql", Text: changed}}, engines.ParseOptions{})
	if err != nil {
		return "", nil, fmt.Errorf("parse the changed version: %w", err)
	}
	files, err := b.eng.Dump(db)
	if err != nil {
		return "", nil, fmt.Errorf("dump the changed version: %w", err)
	}
	repo := filepath.Join(b.work, fmt.Sprintf("repo-%d-%d", tables, len(targets)))
	schema := filepath.Join(repo, "schema")
	if _, _, err := runner.WriteDump(schema, files); err != nil {
		return "", nil, err
	}
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "engine: %s\nschema_dir: schema\nplan_dir: plans\ntargets:\n", b.eng.Name())
	for _, t := range targets {
		fmt.Fprintf(&cfg, "  - name: %s\n    url_env: %s\n", t, envName(t))
	}
	if err := os.WriteFile(filepath.Join(repo, runner.ConfigFileName), []byte(cfg.String()), 0o644); err != nil {
		return "", nil, err
	}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "changed version"},
	} {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", nil, fmt.Errorf("git %s: %w\n%s", args[0], err, out)
		}
	}
	read, err := runner.ReadSQLFiles(schema)
	if err != nil {
		return "", nil, err
	}
	return repo, read, nil
}

// checkBase makes sure that the loaded database and the base version's
// canonical files plan to nothing, so that what the benchmark plans is
// the changed version's 5% and not a normalization gap.
func (b *bench) checkBase(ctx context.Context, url string, tables int) error {
	base, _ := b.srv.scripts(tables)
	db, err := b.eng.Parse(ctx, []engines.File{{Path: "base.sql", Text: base}}, engines.ParseOptions{})
	if err != nil {
		return fmt.Errorf("parse the base version: %w", err)
	}
	files, err := b.eng.Dump(db)
	if err != nil {
		return fmt.Errorf("dump the base version: %w", err)
	}
	if db, err = b.eng.Parse(ctx, files, engines.ParseOptions{}); err != nil {
		return fmt.Errorf("parse the dumped base version: %w", err)
	}
	live, err := b.eng.Inspect(ctx, url)
	if err != nil {
		return err
	}
	p, err := b.eng.Plan(ctx, live, db, engines.PlanOptions{TargetURL: url})
	if err != nil {
		return err
	}
	if !p.Empty() {
		first := p.Statements[0].SQL
		return fmt.Errorf("the loaded database and the base version's files differ by %d statements, the first: %s",
			len(p.Statements), first)
	}
	return nil
}

// envName is the variable holding a target's URL.
func envName(target string) string { return "BENCH_URL_" + strings.ToUpper(target) }

// measureSize measures one size: in-process parse, inspect and plan, the
// diff and plan commands as child processes, and the reference dumper.
func (b *bench) measureSize(ctx context.Context, name string, tables int) (sizeResult, string, error) {
	res := sizeResult{Tables: tables}
	var err error
	if res.Load, err = b.ensure(ctx, name, tables); err != nil {
		return res, "", err
	}
	url := b.srv.url(name)
	if err := b.checkBase(ctx, url, tables); err != nil {
		return res, "", err
	}
	repo, files, err := b.source(ctx, tables, []string{"bench"})
	if err != nil {
		return res, "", err
	}
	env := append(os.Environ(), envName("bench")+"="+url)
	counter := b.eng.(countingInspector)
	var parse, inspect, plan, diff, planCmd, ref []time.Duration
	refLabel := ""
	for r := 1; r <= b.opts.Runs; r++ {
		runtime.GC()
		start := time.Now()
		source, err := b.eng.Parse(ctx, files, engines.ParseOptions{})
		if err != nil {
			return res, "", fmt.Errorf("parse: %w", err)
		}
		parse = append(parse, time.Since(start))

		runtime.GC()
		start = time.Now()
		target, queries, err := counter.InspectCounted(ctx, url)
		if err != nil {
			return res, "", fmt.Errorf("inspect: %w", err)
		}
		inspect = append(inspect, time.Since(start))
		res.Queries = queries

		runtime.GC()
		start = time.Now()
		p, err := b.eng.Plan(ctx, target, source, engines.PlanOptions{})
		if err != nil {
			return res, "", fmt.Errorf("plan: %w", err)
		}
		plan = append(plan, time.Since(start))
		res.Statements = len(p.Statements)

		d, err := b.spawn.run(exec.Command(b.bin, "diff", "--source", filepath.Join(repo, "schema"), "--target", url), 0, 0)
		if err != nil {
			return res, "", fmt.Errorf("schemasync diff: %w", err)
		}
		if d.Out == 0 {
			return res, "", fmt.Errorf("schemasync diff printed nothing: the changed version must differ")
		}
		diff = append(diff, d.Wall)
		res.DiffRSS = max(res.DiffRSS, d.MaxRSS)

		cmd := exec.Command(b.bin, "plan", "--config", filepath.Join(repo, runner.ConfigFileName),
			"--out", filepath.Join(b.work, "plans"))
		cmd.Env = env
		pl, err := b.spawn.run(cmd, 0, 2)
		if err != nil {
			return res, "", fmt.Errorf("schemasync plan: %w", err)
		}
		planCmd = append(planCmd, pl.Wall)
		res.PlanRSS = max(res.PlanRSS, pl.MaxRSS)

		if b.opts.Ref != "none" && r <= b.opts.RefRuns && res.RefNote == "" {
			cmd, label, err := b.srv.reference(ctx, name)
			if err != nil {
				return res, "", err
			}
			refLabel = label
			rr, err := b.spawn.run(cmd, b.opts.RefTimeout, 0)
			if err != nil {
				return res, "", fmt.Errorf("%s: %w", label, err)
			}
			if rr.TimedOut {
				res.RefNote = "timeout"
			} else {
				ref = append(ref, rr.Wall)
			}
		}
		b.logf("%d tables, run %d: parse %v, inspect %v (%d queries), plan %v (%d statements), diff %v, plan command %v, reference %v",
			tables, r, parse[r-1].Round(time.Millisecond), inspect[r-1].Round(time.Millisecond), queries,
			plan[r-1].Round(time.Millisecond), res.Statements, diff[r-1].Round(time.Millisecond),
			planCmd[r-1].Round(time.Millisecond), refText(ref, res.RefNote, b.opts.RefTimeout))
	}
	if b.opts.Ref == "none" {
		res.RefNote = "skipped"
	}
	res.Parse, res.Inspect, res.Plan = median(parse), median(inspect), median(plan)
	res.Diff, res.PlanCmd, res.Ref = median(diff), median(planCmd), median(ref)
	if res.RefNote == "timeout" {
		res.Ref = b.opts.RefTimeout
	}
	return res, refLabel, nil
}

func refText(ref []time.Duration, note string, timeout time.Duration) string {
	switch {
	case note == "timeout":
		return "> " + timeout.String() + " (timeout)"
	case len(ref) == 0:
		return "not run"
	}
	return ref[len(ref)-1].Round(time.Millisecond).String()
}

// measureFleet plans FleetTargets clones of a FleetTables-table database
// at once and one of them alone, with the same --parallel. Each clone
// differs from the others by one table comment, so every target has its
// own plan: the worst case for the runner, which shares one plan among
// targets with identical schemas.
func (b *bench) measureFleet(ctx context.Context) (*fleetResult, []string, error) {
	o := b.opts
	f := &fleetResult{Targets: o.FleetTargets, Tables: o.FleetTables, Parallel: o.Parallel}
	tmpl := fmt.Sprintf("%s_%d", o.Prefix, o.FleetTables)
	names := []string{tmpl}
	if _, err := b.ensure(ctx, tmpl, o.FleetTables); err != nil {
		return nil, names, err
	}
	srv := b.srv // as schemasync and the reference reach the targets
	var rl *relay
	if o.Latency > 0 {
		addr, err := b.srv.addr()
		if err != nil {
			return nil, names, fmt.Errorf("--latency: %w", err)
		}
		if rl, err = startRelay(addr, o.Latency); err != nil {
			return nil, names, fmt.Errorf("--latency: %w", err)
		}
		defer rl.close()
		srv = b.srv.via(rl.addr())
		f.Latency = o.Latency
	}
	var targets []string
	env := os.Environ()
	for k := 1; k <= o.FleetTargets; k++ {
		name := fmt.Sprintf("%s_%d_f%02d", o.Prefix, o.FleetTables, k)
		names = append(names, name)
		want := marker(o.FleetTables, k)
		got, exists, err := b.srv.marker(ctx, name)
		if err != nil {
			return nil, names, err
		}
		if !exists || got != want {
			b.logf("%s: cloning %s", name, tmpl)
			if err := b.srv.clone(ctx, tmpl, name, o.FleetTables, k); err != nil {
				return nil, names, err
			}
			if err := b.srv.setMarker(ctx, name, want); err != nil {
				return nil, names, err
			}
		}
		t := fmt.Sprintf("f%02d", k)
		targets = append(targets, t)
		env = append(env, envName(t)+"="+srv.url(name))
	}
	repo, _, err := b.source(ctx, o.FleetTables, targets)
	if err != nil {
		return nil, names, err
	}
	config := filepath.Join(repo, runner.ConfigFileName)
	plan := func(extra ...string) (procResult, error) {
		args := append([]string{"plan", "--config", config, "--out", filepath.Join(b.work, "fleet-plans"),
			"--parallel", fmt.Sprint(o.Parallel)}, extra...)
		cmd := exec.Command(b.bin, args...)
		cmd.Env = env
		return b.spawn.run(cmd, 0, 2)
	}
	var one, all []time.Duration
	for r := 1; r <= o.Runs; r++ {
		if rl != nil {
			rl.counts()
		}
		p1, err := plan("--target", targets[0])
		if err != nil {
			return nil, names, fmt.Errorf("plan one target: %w", err)
		}
		if rl != nil {
			f.OneConns, f.OneTrips = rl.counts()
		}
		pn, err := plan()
		if err != nil {
			return nil, names, fmt.Errorf("plan %d targets: %w", o.FleetTargets, err)
		}
		if rl != nil {
			f.AllConns, f.AllTrips = rl.counts()
		}
		one, all = append(one, p1.Wall), append(all, pn.Wall)
		f.OneRSS, f.AllRSS = max(f.OneRSS, p1.MaxRSS), max(f.AllRSS, pn.MaxRSS)
		b.logf("fleet run %d: 1 target %v, %d targets %v", r, p1.Wall.Round(time.Millisecond), o.FleetTargets, pn.Wall.Round(time.Millisecond))
	}
	plans, err := filepath.Glob(filepath.Join(b.work, "fleet-plans", "*.sql"))
	if err != nil {
		return nil, names, err
	}
	f.Plans = len(plans)
	f.One, f.All = median(one), median(all)
	if fl, ok := srv.(floorServer); ok {
		if f.Floor, err = fl.floor(ctx, names[1:], o.Parallel); err != nil {
			return nil, names, err
		}
		b.logf("fleet floor: 1 database %v, %d databases %v", f.Floor.One.Round(time.Millisecond), o.FleetTargets, f.Floor.All.Round(time.Millisecond))
	}
	if o.Ref != "none" {
		if err := b.fleetReference(ctx, srv, f, names[1:]); err != nil {
			return nil, names, err
		}
	}
	return f, names, nil
}

// floorServer is a server whose fleet has a floor (see floor.go).
type floorServer interface {
	floor(ctx context.Context, dbs []string, parallel int) (*floorResult, error)
}

// fleetReference times the reference dumper over the fleet the way plan
// ran it: on the first target alone, then on every target with
// f.Parallel dumps at a time, so that the fleet's ratio can be read
// against the vendor's tool on the same databases in the same run. Only
// wall time is read, so the dumps are started here, not by the spawner.
func (b *bench) fleetReference(ctx context.Context, srv server, f *fleetResult, dbs []string) error {
	dump := func(name string) error {
		cmd, label, err := srv.reference(ctx, name)
		if err != nil {
			return err
		}
		f.RefLabel = label
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s %s: %w\n%s", label, name, err, out)
		}
		return nil
	}
	var one, all []time.Duration
	for r := 1; r <= b.opts.RefRuns; r++ {
		start := time.Now()
		if err := dump(dbs[0]); err != nil {
			return err
		}
		one = append(one, time.Since(start))
		start = time.Now()
		sem := make(chan struct{}, f.Parallel)
		errs := make(chan error, len(dbs))
		for _, name := range dbs {
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				errs <- dump(name)
			}()
		}
		for range dbs {
			if err := <-errs; err != nil {
				return err
			}
		}
		all = append(all, time.Since(start))
		b.logf("fleet reference run %d: 1 database %v, %d databases %v", r, one[r-1].Round(time.Millisecond), len(dbs), all[r-1].Round(time.Millisecond))
	}
	f.RefOne, f.RefAll = median(one), median(all)
	return nil
}

// machine describes the computer: processors, their model, memory.
func machine() string {
	model := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = " (" + strings.TrimSpace(v) + ")"
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		for _, l := range strings.Split(string(b), "\n") {
			if _, err := fmt.Sscanf(l, "MemTotal: %d kB", &kb); err == nil {
				mem = fmt.Sprintf(", %.1f GiB memory", float64(kb)/(1<<20))
				break
			}
		}
	}
	return fmt.Sprintf("%d CPUs%s%s, %s/%s, %s", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// loadAverage is the system's load average when the run started.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
