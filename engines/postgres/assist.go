package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// serverAssist asks the live target how it would print source expressions
// that the parse-only rules could not match to the target's text (a view
// query written by hand, a CHECK with implicit casts). It only creates
// temporary objects inside transactions that are always rolled back, so it
// changes nothing on the target. It is used for mismatches only: an
// unchanged schema costs no round trip.
type serverAssist struct {
	conn *pgx.Conn
	// release gives conn back to the target's connection keeper (or
	// closes it): the assist shares the session of inspect and data checks.
	release func()
	cache   map[string]string
	// broken is set after a connection-level failure: later calls give up at once.
	broken bool
}

func newServerAssist(ctx context.Context, url string) (*serverAssist, error) {
	conn, release, err := connectKept(ctx, url)
	if err != nil {
		return nil, err
	}
	return &serverAssist{conn: conn, release: release, cache: map[string]string{}}, nil
}

func (a *serverAssist) close() {
	if a != nil && a.release != nil {
		a.release()
		a.release = nil
	}
}

// inTx runs fn in a transaction that is always rolled back. Unqualified
// names resolve as in schema files (public first), while the server prints
// with search_path = pg_catalog, as inspect does.
func (a *serverAssist) inTx(ctx context.Context, fn func(tx pgx.Tx) (string, error)) (string, error) {
	if a == nil || a.broken {
		return "", fmt.Errorf("no server assist")
	}
	tx, err := a.conn.Begin(ctx)
	if err != nil {
		a.broken = true
		return "", err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, "SET LOCAL search_path = public"); err != nil {
		return "", err
	}
	return fn(tx)
}

// viewQuery returns pg_get_viewdef's text for a query, or an error when
// the target cannot run it (a table it reads does not exist there yet).
func (a *serverAssist) viewQuery(ctx context.Context, query string) (string, error) {
	key := "view\x00" + query
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	s, err := a.inTx(ctx, func(tx pgx.Tx) (string, error) {
		if _, err := tx.Exec(ctx, "CREATE TEMPORARY VIEW schemasync_assist AS "+query); err != nil {
			return "", err
		}
		if _, err := tx.Exec(ctx, "SET LOCAL search_path = pg_catalog"); err != nil {
			return "", err
		}
		var def string
		err := tx.QueryRow(ctx, "SELECT pg_get_viewdef('pg_temp.schemasync_assist'::regclass)").Scan(&def)
		return strings.TrimSuffix(strings.TrimSpace(def), ";"), err
	})
	if err != nil {
		return "", err
	}
	a.cache[key] = s
	return s, nil
}

// tableExpr returns how the server prints an expression in the context of
// an existing table: kind "check" (pg_get_constraintdef of a CHECK), "default"
// (pg_get_expr of a column default, column names the column) or "index"
// (pg_get_indexdef of an index whose definition follows "ON table").
func (a *serverAssist) tableExpr(ctx context.Context, schema, table, kind, column, expr string) (string, error) {
	key := strings.Join([]string{kind, schema, table, column, expr}, "\x00")
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	s, err := a.inTx(ctx, func(tx pgx.Tx) (string, error) {
		create := "CREATE TEMPORARY TABLE schemasync_assist (LIKE " + qualify(schema, table) + ")"
		if _, err := tx.Exec(ctx, create); err != nil {
			return "", err
		}
		var q string
		switch kind {
		case "check":
			if _, err := tx.Exec(ctx, "ALTER TABLE pg_temp.schemasync_assist ADD CONSTRAINT schemasync_assist CHECK ("+expr+") NOT VALID"); err != nil {
				return "", err
			}
			q = "SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE conrelid = 'pg_temp.schemasync_assist'::regclass AND conname = 'schemasync_assist'"
		case "default":
			if _, err := tx.Exec(ctx, "ALTER TABLE pg_temp.schemasync_assist ALTER COLUMN "+quoteIdent(column)+" SET DEFAULT "+expr); err != nil {
				return "", err
			}
			q = "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'pg_temp.schemasync_assist'::regclass AND a.attname = " + quoteLiteral(column)
		case "index":
			if _, err := tx.Exec(ctx, "CREATE INDEX schemasync_assist_idx ON pg_temp.schemasync_assist "+expr); err != nil {
				return "", err
			}
			q = "SELECT pg_get_indexdef('pg_temp.schemasync_assist_idx'::regclass)"
		default:
			return "", fmt.Errorf("unknown assist kind %q", kind)
		}
		if _, err := tx.Exec(ctx, "SET LOCAL search_path = pg_catalog"); err != nil {
			return "", err
		}
		var out string
		err := tx.QueryRow(ctx, q).Scan(&out)
		return out, err
	})
	if err != nil {
		return "", err
	}
	a.cache[key] = s
	return s, nil
}
