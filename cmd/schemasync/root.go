package main

import (
	"github.com/spf13/cobra"

	"github.com/schemasync/schemasync/engines"
)

func newRootCmd(s streams, reg *engines.Registry) *cobra.Command {
	root := &cobra.Command{
		Use:   "schemasync",
		Short: "Keep database schemas in git and synchronize live databases to any version of them",
		Long: `schemasync compares a desired schema (the source: schema files, or a live database)
with a target (a live database, or files) and prints the DDL that makes the target
match the source. It dumps live schemas as canonical files and applies plans.

Sources and targets are a .sql file, a directory of .sql files, or a connection URL
such as postgres://user@host:5432/db. Passwords in URLs are never printed.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.AddCommand(newDiffCmd(s, reg), newDumpCmd(s, reg), newApplyCmd(s, reg),
		newVersionsCmd(s), newPlanCmd(s, reg), newDriftCmd(s, reg), newHistoryCmd(s, reg),
		newProposeCmd(s, reg), newCommentCmd(s, reg))
	return root
}
