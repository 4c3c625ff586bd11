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
	res := &engines.ApplyResult{}
	index := -1 // among statements, comment-only pieces left out
	for _, p := range pieces {
		if onlyComments(p.Text) {
			continue
		}
		index++
		if index < opts.Skip {
			continue // ran in an earlier, interrupted apply
		}
		if opts.Log != nil {
			opts.Log(p.Text)
		}
		if _, err := conn.ExecContext(ctx, p.Text); err != nil {
			return res, &engines.StatementError{Line: p.Line, Statement: p.Text, Err: err}
		}
		res.Executed++
		if opts.Done != nil {
			opts.Done(index)
		}
	}
	return res, nil
}
