package oracle

import (
	"context"
	"database/sql"

	"github.com/schemasync/schemasync/engines"
)

// execer runs one statement.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// apply runs a plan file statement by statement: Oracle commits each DDL
// statement on its own, so nothing can be rolled back, and a failed run
// resumes after its last good statement (opts.Skip). Statements are split
// with the parser's SQL*Plus-aware splitter and sent without their ";"
// (go-ora, like OCI, rejects it); a PL/SQL block ended by a "/" line keeps
// the ";" of its END. The first error stops the run.
func apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	stmts, err := splitScript(script)
	if err != nil {
		return nil, &engines.StatementError{Err: err}
	}
	s, err := openSession(ctx, url)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return runStatements(ctx, s.conn, stmts, opts)
}

func runStatements(ctx context.Context, ex execer, stmts []rawStatement, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	list := make([]engines.ScriptStatement, len(stmts))
	for i, st := range stmts {
		list[i] = engines.ScriptStatement{Line: st.line, Text: st.text}
	}
	return engines.RunStatements(ctx, list, opts, func(ctx context.Context, stmt string) error {
		_, err := ex.ExecContext(ctx, stmt)
		return err
	})
}
