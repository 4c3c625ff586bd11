package mysql

import (
	"context"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/sqlsplit"
)

// apply runs a plan file statement by statement: MySQL commits each DDL
// statement on its own, so nothing can be rolled back. The split
// understands DELIMITER and the BEGIN..END bodies RenderSQL prints. The
// first error stops the run; the result counts the statements that ran.
func apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	pieces, err := sqlsplit.MySQL(script)
	if err != nil {
		return nil, &engines.StatementError{Err: err}
	}
	db, _, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var stmts []engines.ScriptStatement
	for _, p := range pieces {
		if onlyComments(p.Text) {
			continue
		}
		stmts = append(stmts, engines.ScriptStatement{Line: p.Line, Text: p.Text, Replay: isSessionSet(p.Text)})
	}
	return engines.RunStatements(ctx, stmts, opts, func(ctx context.Context, stmt string) error {
		_, err := conn.ExecContext(ctx, stmt)
		return lockWaitError(err)
	})
}
