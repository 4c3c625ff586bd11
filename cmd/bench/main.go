// Command bench measures schemasync on generated schemas in real servers
// and prints a Markdown table: per size, the in-process parse, inspect and
// diff+plan, the `schemasync diff` and `schemasync plan` commands (wall time
// and peak RSS of the child process), the server's own schema dumper on
// the same database, and the number of catalog queries of one inspection;
// optionally, planning a fleet of targets at once against one alone.
//
//	go run ./cmd/bench --engine postgres --tables 100,1000,5000,10000 --runs 3 --fleet 50x200
//
// Loaded databases are kept (named <prefix>_<tables>, marked with the
// generator version) and reused by later runs; --drop removes them.
// BENCHMARKS.md holds the results and how they were made.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/schemasync/schemasync/internal/dumptool"
)

func main() {
	if os.Getenv(spawnerEnv) != "" {
		if err := serveSpawner(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "bench spawner:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts, err := parseFlags(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err == nil {
		opts.Log = os.Stderr
		opts.Command = "go run ./cmd/bench " + strings.Join(os.Args[1:], " ")
		err = run(ctx, opts, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// adminEnv names the variable each engine's admin address comes from by
// default: the one the tests use.
func adminEnv(engine string) (string, bool) {
	switch engine {
	case "postgres":
		return "SCHEMASYNC_TEST_POSTGRES", true
	case "mariadb":
		return "SCHEMASYNC_TEST_MARIADB", true
	case "mysql":
		return "SCHEMASYNC_TEST_MYSQL", true
	}
	return "", false
}

var prefixRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,40}$`)

// parseFlags reads the command line into options.
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Engine, "engine", "postgres", "server: postgres, mariadb or mysql (Oracle MySQL)")
	fs.StringVar(&o.Admin, "admin", "", "admin URL (postgres) or DSN (mariadb, mysql); default: $SCHEMASYNC_TEST_POSTGRES, $SCHEMASYNC_TEST_MARIADB or $SCHEMASYNC_TEST_MYSQL")
	tables := fs.String("tables", "100,1000,5000", "comma-separated schema sizes in tables")
	fs.IntVar(&o.Runs, "runs", 3, "runs per size; the table shows medians")
	fs.StringVar(&o.Ref, "ref", "auto", "reference dumper: auto (pg_dump --schema-only, mariadb-dump or mysqldump --no-data) or none")
	fs.DurationVar(&o.RefTimeout, "ref-timeout", 0, "kill the reference dumper after this long and report it as a bound (0: no limit)")
	fs.IntVar(&o.RefRuns, "ref-runs", 0, "runs of the reference dumper per size (default: --runs)")
	fleet := fs.String("fleet", "", "also plan N targets of M tables each at once, against one of them: NxM, e.g. 50x200")
	fs.IntVar(&o.Parallel, "parallel", 8, "--parallel of the fleet's plan command")
	fs.DurationVar(&o.Latency, "latency", 0, "reach the fleet's targets through a relay that delays each direction by this much (a network round trip of twice it), as if they were remote; 0: directly")
	fs.StringVar(&o.Bin, "bin", "", "schemasync binary to measure (default: built from this module)")
	fs.StringVar(&o.Prefix, "prefix", "ss_bench", "name prefix of the databases the benchmark keeps")
	fs.BoolVar(&o.Keep, "keep", false, "keep the work directory (binary, repositories, plans) to rerun its commands by hand")
	fs.BoolVar(&o.Drop, "drop", false, "drop the databases at the end instead of keeping them for the next run")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	env, ok := adminEnv(o.Engine)
	if !ok {
		return o, fmt.Errorf("--engine must be postgres, mariadb or mysql, not %q", o.Engine)
	}
	if o.Admin == "" {
		if o.Admin = getenv(env); o.Admin == "" {
			return o, fmt.Errorf("no %s server: set %s or --admin", o.Engine, env)
		}
	}
	for _, t := range strings.Split(*tables, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil || n < 1 {
			return o, fmt.Errorf("--tables: %q is not a positive number", t)
		}
		o.Tables = append(o.Tables, n)
	}
	if *fleet != "" {
		a, b, ok := strings.Cut(*fleet, "x")
		var err1, err2 error
		o.FleetTargets, err1 = strconv.Atoi(a)
		o.FleetTables, err2 = strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || o.FleetTargets < 1 || o.FleetTables < 1 {
			return o, fmt.Errorf("--fleet must be NxM (targets x tables), not %q", *fleet)
		}
	}
	if o.Ref != "auto" && o.Ref != "none" {
		return o, fmt.Errorf("--ref must be auto or none, not %q", o.Ref)
	}
	if !prefixRe.MatchString(o.Prefix) {
		return o, fmt.Errorf("--prefix must be lower-case letters, digits and _, starting with a letter")
	}
	if o.Latency < 0 || (o.Latency > 0 && o.FleetTargets == 0) {
		return o, fmt.Errorf("--latency needs --fleet and a positive duration")
	}
	if o.RefTimeout < 0 {
		o.RefTimeout = 0
	}
	root, err := dumptool.ModuleRoot()
	if err != nil {
		return o, err
	}
	o.ModuleRoot = root
	return o, nil
}
