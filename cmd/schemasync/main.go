// Command schemasync keeps database schemas in git and synchronizes live
// databases to any version of them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/oracle"
	"github.com/schemasync/schemasync/engines/postgres"
)

// exitError carries an exit code other than 1 (2: changes found with --exit-code).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// streams are the command's input and output, replaced by buffers in tests.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

func newRegistry() *engines.Registry {
	return engines.NewRegistry(postgres.New(), mysql.New(), mysql.NewTiDB(), oracle.New())
}

func main() {
	// The heap is mostly two whole schema models and, while files are
	// parsed, their syntax trees: the default GOGC of 100 lets garbage
	// grow as large as all that before a collection, 50 half as large,
	// for a few percent more CPU (a 10,000-table diff stays under 500 MB).
	// A GOGC set in the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	io := streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
	os.Exit(run(ctx, io, os.Args[1:]))
}

// run executes the CLI and returns the process exit code.
func run(ctx context.Context, s streams, args []string) int {
	root := newRootCmd(s, newRegistry())
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(s.Err, ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(s.Err, "schemasync: %v\n", err)
	return 1
}
