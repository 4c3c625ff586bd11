// Command conformance runs an engine over the schema pairs of other
// projects (../shared/corpora) and prints its pass rate. It exits 0 when it
// ran, failures or not, and 1 when it could not run.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/conformance"
	"github.com/schemasync/schemasync/internal/testdb"
)

// backend is how the command reaches one server of an engine: its name,
// the variable holding the default admin URL and the backend built from it.
type backend struct {
	server   string
	adminEnv string
	new      func(adminURL string, fresh bool) conformance.Backend
}

// backends is a read-only table: per engine, the servers it runs on.
var backends = map[string][]backend{
	"postgres": {{server: "postgres", adminEnv: testdb.PostgresEnv, new: func(u string, fresh bool) conformance.Backend {
		b := conformance.NewPostgres(u, postgres.New())
		b.FreshDatabases = fresh
		return b
	}}},
	"mysql": {
		{server: "mariadb", adminEnv: testdb.MariaDBEnv, new: newMySQL},
		{server: "mysql", adminEnv: testdb.MySQLEnv, new: newMySQL},
	},
	// TiDB is the mysql engine (tidb flavor) on the corpus's tidb cases.
	"tidb": {{server: "tidb", adminEnv: testdb.TiDBEnv, new: newTiDB}},
}

func newMySQL(u string, _ bool) conformance.Backend { return conformance.NewMySQL(u, mysql.New()) }
func newTiDB(u string, _ bool) conformance.Backend  { return conformance.NewTiDB(u, mysql.NewTiDB()) }

// bigRunner is a backend that also checks the round trip on the big real
// schemas of the corpus.
type bigRunner interface {
	RunBig(ctx context.Context, corpus string, run *regexp.Regexp) (*conformance.Report, error)
}

type options struct {
	engine   string
	corpus   string
	run      string
	parallel int
	adminURL string
	verbose  bool
	jsonPath string
	timeout  time.Duration
	dumps    bool
	fresh    bool
	server   string
	big      bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmd := newCommand(os.Stdout)
	cmd.SetContext(ctx)
	if err := cmd.Execute(); err != nil {
		os.Exit(1)
	}
}

func newCommand(out io.Writer) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:           "conformance --engine postgres [--corpus DIR] [--run REGEX]",
		Short:         "Judge an engine by convergence on other projects' schema pairs",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: false,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return run(cmd.Context(), o, out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.engine, "engine", "postgres", "engine to run (its corpus subdirectory)")
	f.StringVar(&o.corpus, "corpus", "", "corpora directory (default: ../shared/corpora beside the repository)")
	f.StringVar(&o.run, "run", "", "run only cases whose path (postgres/sqldef/Name) matches this regular expression")
	f.IntVar(&o.parallel, "parallel", 4, "cases run at once")
	f.StringVar(&o.adminURL, "admin-url", "", "admin URL of the server (default: the engine's SCHEMASYNC_TEST_* variable)")
	f.BoolVar(&o.verbose, "verbose", false, "print the plan and remaining diff of failures")
	f.StringVar(&o.jsonPath, "json", "", "also write every result to this JSON file")
	f.DurationVar(&o.timeout, "timeout", 60*time.Second, "time limit of one case")
	f.BoolVar(&o.dumps, "dumps", false, "also judge by the server's own dumps (pg_dump --schema-only, mariadb-dump --no-data) of the applied database and of to.sql's, compared statement by statement")
	f.StringVar(&o.server, "server", "", "run on this server of the engine only (mysql: mariadb or mysql; tidb: tidb; default: every server whose variable is set)")
	f.BoolVar(&o.big, "big", true, "also check dump round trip and determinism on the big real schemas (<corpus>/big/<engine>), where the engine supports it")
	f.BoolVar(&o.fresh, "fresh-databases", false, "create new databases for every case instead of emptying and reusing them")
	return cmd
}

func run(ctx context.Context, o *options, out io.Writer) error {
	specs, ok := backends[o.engine]
	if !ok {
		var names []string
		for n := range backends {
			names = append(names, n)
		}
		sort.Strings(names)
		return fmt.Errorf("unknown engine %q (known: %s)", o.engine, strings.Join(names, ", "))
	}
	var chosen []backend
	for _, spec := range specs {
		if o.server == "" || o.server == spec.server {
			chosen = append(chosen, spec)
		}
	}
	if len(chosen) == 0 {
		return fmt.Errorf("engine %s has no server %q", o.engine, o.server)
	}
	if o.adminURL != "" && len(chosen) > 1 {
		return fmt.Errorf("--admin-url names one server: choose it with --server")
	}
	corpus := o.corpus
	if corpus == "" {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		corpus = conformance.DefaultCorpus(wd)
	}
	opts := conformance.Options{Corpus: corpus, Parallel: o.parallel, Timeout: o.timeout, DumpJudge: o.dumps}
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			return fmt.Errorf("--run: %w", err)
		}
		opts.Run = re
	}
	ran := 0
	for _, spec := range chosen {
		admin := o.adminURL
		if admin == "" {
			admin = os.Getenv(spec.adminEnv)
		}
		if admin == "" {
			if len(chosen) > 1 {
				fmt.Fprintf(out, "== %s: not run, %s is not set\n\n", spec.server, spec.adminEnv)
				continue
			}
			return fmt.Errorf("no server: set --admin-url or %s", spec.adminEnv)
		}
		ran++
		if len(chosen) > 1 {
			fmt.Fprintf(out, "== %s\n", spec.server)
		}
		b := spec.new(admin, o.fresh)
		rep, err := conformance.Run(ctx, b, opts)
		if err != nil {
			return err
		}
		if o.jsonPath != "" {
			path := o.jsonPath
			if len(chosen) > 1 {
				ext := filepath.Ext(path)
				path = strings.TrimSuffix(path, ext) + "." + spec.server + ext
			}
			if err := conformance.WriteJSON(path, rep); err != nil {
				return err
			}
		}
		if err := conformance.WriteText(out, rep, o.verbose); err != nil {
			return err
		}
		if br, ok := b.(bigRunner); ok && o.big {
			big, err := br.RunBig(ctx, corpus, opts.Run)
			if err != nil {
				return err
			}
			if len(big.Results) > 0 {
				fmt.Fprintf(out, "\n-- big schemas on %s (round trip and dump determinism)\n", spec.server)
				for _, r := range big.Results {
					fmt.Fprintf(out, "%-7s %s: %s\n", strings.ToUpper(string(r.Status)), r.Case, r.Reason)
				}
				fmt.Fprintf(out, "big: %d passed, %d failed, %d do not load\n", big.Count(conformance.StatusPass),
					big.Count(conformance.StatusFail), big.Count(conformance.StatusNoLoad))
			}
		}
		fmt.Fprintln(out)
	}
	if ran == 0 {
		var envs []string
		for _, spec := range chosen {
			envs = append(envs, spec.adminEnv)
		}
		return fmt.Errorf("no server: set %s", strings.Join(envs, " or "))
	}
	return nil
}
