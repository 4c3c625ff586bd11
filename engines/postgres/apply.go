package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

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
	// Session: SET or RESET of a setting, which changes the session and not
	// the database: a resumed apply runs the skipped ones again.
	Session bool
	// Concurrent names the index a CREATE INDEX CONCURRENTLY builds and
	// its table, for the cleanup of a failed build.
	Concurrent *concurrentIndex
}

// concurrentIndex is the index a CREATE INDEX CONCURRENTLY builds.
type concurrentIndex struct {
	Name string
	// Table is the table as the statement names it, for to_regclass.
	Table string
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
			if rv := n.IndexStmt.Relation; n.IndexStmt.Concurrent && n.IndexStmt.Idxname != "" && rv != nil {
				table := quoteIdent(rv.Relname)
				if rv.Schemaname != "" {
					table = qualify(rv.Schemaname, rv.Relname)
				}
				s.Concurrent = &concurrentIndex{Name: n.IndexStmt.Idxname, Table: table}
			}
		case *pg_query.Node_AlterTableStmt:
			// VALIDATE CONSTRAINT takes a lock that lets reads and writes go
			// on, unless its transaction already holds a stronger one (ADD
			// CONSTRAINT ... NOT VALID takes ACCESS EXCLUSIVE): it commits
			// what came before and runs in a transaction of its own.
			s.NoTx = onlyValidate(n.AlterTableStmt)
		case *pg_query.Node_VariableSetStmt:
			s.Session = true
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

// onlyValidate reports whether an ALTER TABLE only validates constraints.
func onlyValidate(a *pg_query.AlterTableStmt) bool {
	if len(a.Cmds) == 0 {
		return false
	}
	for _, c := range a.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil || cmd.Subtype != pg_query.AlterTableType_AT_ValidateConstraint {
			return false
		}
	}
	return true
}

// apply runs a plan file. Statements run in one transaction where PostgreSQL
// allows it; a statement that cannot run in a transaction (or should not:
// VALIDATE CONSTRAINT) commits what came before and runs alone. A file with
// its own transaction control runs as written, statement by statement. The
// first error stops the run.
//
// Before a CREATE INDEX CONCURRENTLY, an INVALID index of the same name on
// the same table (what a failed or interrupted build leaves) is dropped;
// after a failed one, the INVALID index it left is dropped at once.
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
			// Ran in an earlier, interrupted apply; settings belong to the
			// session, which is a new one.
			if s.Session && !ownTx {
				if _, err := conn.Exec(ctx, s.SQL); err != nil {
					return fail(s, err)
				}
			}
			continue
		}
		if opts.Log != nil {
			opts.Log(s.SQL)
		}
		if ownTx || s.NoTx {
			if err := commit(); err != nil {
				return fail(s, err)
			}
			if s.Concurrent != nil {
				if err := dropInvalidIndex(ctx, conn, s.Concurrent, opts.Log); err != nil {
					return fail(s, err)
				}
			}
			if _, err := conn.Exec(ctx, s.SQL); err != nil {
				if s.Concurrent != nil {
					cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), invalidIndexCleanupTimeout)
					if cerr := dropInvalidIndex(cctx, conn, s.Concurrent, opts.Log); cerr != nil {
						err = fmt.Errorf("%w (and the INVALID index it left could not be dropped: %v; a rerun drops it)", err, cerr)
					}
					cancel()
				}
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

// invalidIndexCleanupTimeout bounds the cleanup after a failed concurrent
// build, which runs even when the apply was cancelled.
const invalidIndexCleanupTimeout = time.Minute

// dropInvalidIndex drops the INVALID index of that name on that table, if
// there is one: a concurrent build that failed or was interrupted leaves
// it, and it would make the build fail again ("already exists") while
// costing every write to the table. A valid index is never touched.
func dropInvalidIndex(ctx context.Context, conn *pgx.Conn, idx *concurrentIndex, log func(string)) error {
	var name string
	err := conn.QueryRow(ctx, `SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid AND c.relname = $1 AND i.indrelid = pg_catalog.to_regclass($2)`, idx.Name, idx.Table).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look for an INVALID index %s: %w", idx.Name, err)
	}
	sql := "DROP INDEX CONCURRENTLY IF EXISTS " + name
	if log != nil {
		log(sql + " -- INVALID, left by a failed concurrent build")
	}
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("drop the INVALID index %s: %w", name, err)
	}
	return nil
}
