package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

type versionsOptions struct {
	Config string
	Limit  int
	Format string
}

func newVersionsCmd(s streams) *cobra.Command {
	opts := &versionsOptions{}
	cmd := &cobra.Command{
		Use:   "versions",
		Short: "List the schema versions: the commits that changed the schema directory",
		Long: `versions lists the commits that changed the schema directory of schemasync.yaml,
newest first, with their date, author, subject and tags. Any of them (or a tag or a
branch) can be given to --version.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersions(cmd.Context(), s, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Config, "config", "", "config file (default: schemasync.yaml found upwards)")
	f.IntVarP(&opts.Limit, "limit", "n", 0, "list at most N versions (0: all)")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

func runVersions(ctx context.Context, s streams, opts *versionsOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--format must be text or json, not %q", opts.Format)
	}
	p, err := loadProject(opts.Config)
	if err != nil {
		return err
	}
	vs, err := p.repo.Versions(ctx, p.schemaDir, opts.Limit)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if vs == nil {
			return enc.Encode([]any{})
		}
		return enc.Encode(vs)
	}
	for _, v := range vs {
		tags := ""
		if len(v.Tags) > 0 {
			tags = " (" + strings.Join(v.Tags, ", ") + ")"
		}
		fmt.Fprintf(s.Out, "%s %s %-16s %s%s\n", v.Short(), v.Date.UTC().Format("2006-01-02 15:04"), v.Author, v.Subject, tags)
	}
	return nil
}
