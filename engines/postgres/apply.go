package postgres

import (
	"context"
	"fmt"
	"strings"

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
func splitScript(script string) ([]scriptStatement, error) {
	parts, err := pg_query.SplitWithScanner(script, true)
	if err != nil {
		return nil, fmt.Errorf("split plan: %w", err)
	}
	var out []scriptStatement
	offset := 0
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		line := 0
		if i := strings.Index(script[offset:], p); i >= 0 {
			line = 1 + strings.Count(script[:offset+i], "\n")
			offset += i + len(p)
		}
		st := scriptStatement{SQL: p, Line: line}
		if onlyComments(p) {
			continue
		}
		tree, err := pg_query.Parse(p)
		if err != nil {
			return nil, &engines.StatementError{Line: line, Statement: p, Err: err}
		}
		for _, raw := range tree.Stmts {
			switch n := raw.Stmt.Node.(type) {
			case *pg_query.Node_IndexStmt:
				st.NoTx = st.NoTx || n.IndexStmt.Concurrent
			case *pg_query.Node_DropStmt:
				st.NoTx = st.NoTx || n.DropStmt.Concurrent
			case *pg_query.Node_ReindexStmt, *pg_query.Node_VacuumStmt, *pg_query.Node_CreatedbStmt,
				*pg_query.Node_DropdbStmt, *pg_query.Node_AlterSystemStmt:
				st.NoTx = true
			case *pg_query.Node_AlterEnumStmt:
				// A value added in a transaction cannot be used before it commits.
				st.NoTx = st.NoTx || n.AlterEnumStmt.OldVal == ""
			case *pg_query.Node_TransactionStmt:
				st.TxControl = true
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// onlyComments reports whether a piece of script holds no statement.
func onlyComments(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
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
		return nil
	}
	fail := func(s scriptStatement, err error) (*engines.ApplyResult, error) {
		if tx != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			res.RolledBack = pending
		}
		return res, &engines.StatementError{Line: s.Line, Statement: s.SQL, Err: err}
	}
	for _, s := range stmts {
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
	}
	if err := commit(); err != nil {
		return res, err
	}
	return res, nil
}
