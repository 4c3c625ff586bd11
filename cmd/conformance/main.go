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
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/conformance"
	"github.com/schemasync/schemasync/internal/testdb"
)

// backend is how the command reaches one engine's servers: the variable
// holding the default admin URL and the backend built from it.
type backend struct {
	adminEnv string
	new      func(adminURL string, fresh bool) conformance.Backend
}

// backends is a read-only table; a MySQL entry goes here when its engine exists.
var backends = map[string]backend{
	"postgres": {adminEnv: testdb.PostgresEnv, new: func(u string, fresh bool) conformance.Backend {
		b := conformance.NewPostgres(u, postgres.New())
		b.FreshDatabases = fresh
		return b
	}},
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
	fresh    bool
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
	f.BoolVar(&o.fresh, "fresh-databases", false, "create new databases for every case instead of emptying and reusing them")
	return cmd
}

func run(ctx context.Context, o *options, out io.Writer) error {
	spec, ok := backends[o.engine]
	if !ok {
		var names []string
		for n := range backends {
			names = append(names, n)
		}
		sort.Strings(names)
		return fmt.Errorf("unknown engine %q (known: %s)", o.engine, strings.Join(names, ", "))
	}
	admin := o.adminURL
	if admin == "" {
		admin = os.Getenv(spec.adminEnv)
	}
	if admin == "" {
		return fmt.Errorf("no server: set --admin-url or %s", spec.adminEnv)
	}
	corpus := o.corpus
	if corpus == "" {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		corpus = conformance.DefaultCorpus(wd)
	}
	opts := conformance.Options{Corpus: corpus, Parallel: o.parallel, Timeout: o.timeout}
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			return fmt.Errorf("--run: %w", err)
		}
		opts.Run = re
	}
	rep, err := conformance.Run(ctx, spec.new(admin, o.fresh), opts)
	if err != nil {
		return err
	}
	if o.jsonPath != "" {
		if err := conformance.WriteJSON(o.jsonPath, rep); err != nil {
			return err
		}
	}
	return conformance.WriteText(out, rep, o.verbose)
}
