package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/runner"
)

type dumpOptions struct {
	Target          string
	Out             string
	Engine          string
	SkipUnsupported bool
	// Commit dumps a config target into the schema directory and commits
	// it as a new version (see dumpcommit.go).
	Commit        bool
	Config        string
	Message       string
	Author        string
	DefaultSchema string
}

func newDumpCmd(s streams, reg *engines.Registry) *cobra.Command {
	opts := &dumpOptions{}
	cmd := &cobra.Command{
		Use:   "dump --target URL --out DIR",
		Short: "Write a schema as canonical files, one object per file",
		Long: `dump writes the schema of a live database (or of schema files, to reformat them)
as canonical files: one object per file in a readable directory layout, sorted and
formatted the same way every time, so git diffs between versions stay small.

In a directory written by an earlier dump, files of objects that no longer exist
are removed.`,
		Example: `  schemasync dump --target "$DATABASE_URL" --out schema/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Commit {
				return runDumpCommit(cmd.Context(), s, reg, opts)
			}
			if opts.Out == "" {
				return fmt.Errorf(`required flag(s) "out" not set`)
			}
			return runDump(cmd.Context(), s, reg, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target, "target", "", "database URL (or schema files) to dump (required)")
	f.StringVar(&opts.Out, "out", "", "directory to write (required)")
	f.StringVar(&opts.Engine, "engine", "", "dialect when --target is files")
	f.BoolVar(&opts.SkipUnsupported, "skip-unsupported", false, "skip unsupported statements in schema files with a warning")
	f.StringVar(&opts.DefaultSchema, "default-schema", "", "schema that unqualified names in schema files belong to (default: the engine's, public for postgres)")
	_ = cmd.MarkFlagRequired("target")
	f.BoolVar(&opts.Commit, "commit", false, "dump the config target --target NAME into the schema directory and commit it as a new version")
	f.StringVar(&opts.Config, "config", "", "config file with --commit (default: schemasync.yaml found upwards)")
	f.StringVarP(&opts.Message, "message", "m", "", "commit message with --commit")
	f.StringVar(&opts.Author, "author", "", `commit author with --commit, "Name <email>" (default: git config)`)
	return cmd
}

func runDump(ctx context.Context, s streams, reg *engines.Registry, opts *dumpOptions) error {
	side, err := runner.ResolveSide(opts.Target)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	eng, err := runner.ChooseEngine(reg, opts.Engine, side)
	if err != nil {
		return err
	}
	db, err := runner.Load(ctx, eng, side, engines.ParseOptions{SkipUnsupported: opts.SkipUnsupported, DefaultSchema: opts.DefaultSchema, Warn: func(msg string) {
		fmt.Fprintln(s.Err, "warning:", msg)
	}})
	if err != nil {
		return err
	}
	files, err := eng.Dump(db)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	written, removed, err := runner.WriteDump(opts.Out, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Err, "dumped %s to %s: %d files, %d written, %d removed\n", side.Describe(), opts.Out, len(files), written, removed)
	return nil
}
