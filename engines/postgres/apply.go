package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// scriptStatement is one statement of a plan file with where it starts.
type scriptStatement struct {
	SQL  string
	Line int
	// NoTx: the statement cannot run inside a transaction block, or must
	// commit before later statements may use what it creates.
	NoTx bool
	// TxControl: BEGIN, COMMIT, ROLLBACK... written in the file itself.
	TxControl bool
}

// splitScript splits a plan file into statements, keeping line numbers.
// It parses the whole file first, so a broken statement anywhere is an
// error before anything runs.
func splitScript(script string) ([]scriptStatement, error) {
	stmts, err := splitFile(engines.File{Text: script})
	if err != nil {
		return nil, err
	}
	out := make([]scriptStatement, 0, len(stmts))
	for _, st := range stmts {
		s := scriptStatement{SQL: st.text, Line: st.line}
		switch n := st.node.Node.(type) {
		case *pg_query.Node_IndexStmt:
			s.NoTx = n.IndexStmt.Concurrent
		case *pg_query.Node_DropStmt:
			s.NoTx = n.DropStmt.Concurrent
		case *pg_query.Node_ReindexStmt, *pg_query.Node_VacuumStmt, *pg_query.Node_CreatedbStmt,
			*pg_query.Node_DropdbStmt, *pg_query.Node_AlterSystemStmt:
			s.NoTx = true
		case *pg_query.Node_AlterEnumStmt:
			// A value added in a transaction cannot be used before it commits.
			s.NoTx = n.AlterEnumStmt.OldVal == ""
		case *pg_query.Node_TransactionStmt:
			s.TxControl = true
		}
		out = append(out, s)
	}
	return out, nil
}

// apply runs a plan file. Statements run in one transaction where PostgreSQL
// allows it; a statement that cannot run in a transaction commits what came
// before and runs alone. A file with its own transaction control runs as
// written, statement by statement. The first error stops the run.
func apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	stmts, err := splitScript(script)
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	res := &engines.ApplyResult{}
	ownTx := false
	for _, s := range stmts {
		ownTx = ownTx || s.TxControl
	}
	var tx pgx.Tx
	pending := 0 // statements run in the open transaction
	var pendingIdx []int
	done := func(i int) {
		if opts.Done != nil {
			opts.Done(i)
		}
	}
	commit := func() error {
		if tx == nil {
			return nil
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		tx = nil
		res.Executed += pending
		pending = 0
		for _, i := range pendingIdx {
			done(i)
		}
		pendingIdx = nil
		return nil
	}
	fail := func(s scriptStatement, err error) (*engines.ApplyResult, error) {
		if tx != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			res.RolledBack = pending
		}
		return res, &engines.StatementError{Line: s.Line, Statement: s.SQL, Err: err}
	}
	for i, s := range stmts {
		if i < opts.Skip {
			continue // ran in an earlier, interrupted apply
		}
		if opts.Log != nil {
			opts.Log(s.SQL)
		}
		if ownTx || s.NoTx {
			if err := commit(); err != nil {
				return fail(s, err)
			}
			if _, err := conn.Exec(ctx, s.SQL); err != nil {
				return fail(s, err)
			}
			res.Executed++
			done(i)
			continue
		}
		if tx == nil {
			if tx, err = conn.Begin(ctx); err != nil {
				return fail(s, fmt.Errorf("begin: %w", err))
			}
		}
		if _, err := tx.Exec(ctx, s.SQL); err != nil {
			return fail(s, err)
		}
		pending++
		pendingIdx = append(pendingIdx, i)
	}
	if err := commit(); err != nil {
		return res, err
	}
	return res, nil
}
