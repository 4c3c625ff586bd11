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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defaultGCTuner().start(ctx, os.Getenv)
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
