package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/schemasync/schemasync/engines"
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

// ask runs stmts and then query, whose one text value it returns, in a
// transaction that is always rolled back; all in one round trip (one more
// to roll back when a statement failed), which matters on a target far
// away. Unqualified names in stmts resolve as in schema files (public
// first), while query prints with search_path = pg_catalog, as inspect
// does. The batch's statements are all parsed before the first runs, so
// query finds the temporary objects with to_regclass() at run time, not
// with a regclass literal, which the parser would look up at once.
func (a *serverAssist) ask(ctx context.Context, query string, stmts ...string) (string, error) {
	if a == nil || a.broken {
		return "", fmt.Errorf("no server assist")
	}
	var out string
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue("SET LOCAL search_path = public")
	for _, s := range stmts {
		b.Queue(s)
	}
	b.Queue("SET LOCAL search_path = pg_catalog")
	b.Queue(query).QueryRow(func(row pgx.Row) error { return row.Scan(&out) })
	b.Queue("ROLLBACK")
	err := a.conn.SendBatch(ctx, b).Close()
	if pc := a.conn.PgConn(); !pc.IsClosed() && pc.TxStatus() != 'I' {
		// A statement failed and the server skipped the rest, the
		// rollback too.
		if _, rerr := a.conn.Exec(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil && err == nil {
			err = rerr
		}
	}
	if err != nil {
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) {
			a.broken = true // the connection, not a statement, failed
		}
		return "", err
	}
	return out, nil
}

// viewQuery returns pg_get_viewdef's text for a query under a view's
// column list (which names the outputs), or an error when the target
// cannot run it (a table it reads does not exist there yet).
func (a *serverAssist) viewQuery(ctx context.Context, columns []string, query string) (string, error) {
	list := ""
	if len(columns) > 0 {
		quoted := make([]string, len(columns))
		for i, c := range columns {
			quoted[i] = quoteIdent(c)
		}
		list = " (" + strings.Join(quoted, ", ") + ")"
	}
	key := "view\x00" + list + "\x00" + query
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	def, err := a.ask(ctx, "SELECT pg_get_viewdef(pg_catalog.to_regclass('pg_temp.schemasync_assist'))",
		"CREATE TEMPORARY VIEW schemasync_assist"+list+" AS "+query)
	if err != nil {
		return "", err
	}
	s := strings.TrimSuffix(strings.TrimSpace(def), ";")
	a.cache[key] = s
	return s, nil
}

// tableExpr returns how the server prints an expression in the context of
// an existing table: kind "check" (pg_get_constraintdef of a CHECK), "default"
// (pg_get_expr of a column default, column names the column), "index"
// (pg_get_indexdef of an index whose definition follows "ON table") or
// "statistics" (an expression of extended statistics).
func (a *serverAssist) tableExpr(ctx context.Context, schema, table, kind, column, expr string) (string, error) {
	key := strings.Join([]string{kind, schema, table, column, expr}, "\x00")
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	create := "CREATE TEMPORARY TABLE schemasync_assist (LIKE " + qualify(schema, table) + ")"
	var stmt, q string
	switch kind {
	case "check":
		stmt = "ALTER TABLE pg_temp.schemasync_assist ADD CONSTRAINT schemasync_assist CHECK (" + expr + ") NOT VALID"
		q = "SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('pg_temp.schemasync_assist') AND conname = 'schemasync_assist'"
	case "default":
		stmt = "ALTER TABLE pg_temp.schemasync_assist ALTER COLUMN " + quoteIdent(column) + " SET DEFAULT " + expr
		q = "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = pg_catalog.to_regclass('pg_temp.schemasync_assist') AND a.attname = " + quoteLiteral(column)
	case "index":
		stmt = "CREATE INDEX schemasync_assist_idx ON pg_temp.schemasync_assist " + expr
		q = "SELECT pg_get_indexdef(pg_catalog.to_regclass('pg_temp.schemasync_assist_idx'))"
	case "statistics":
		// PostgreSQL 14 and later, which have statistics on expressions.
		stmt = "CREATE STATISTICS pg_temp.schemasync_assist ON (" + expr + ") FROM pg_temp.schemasync_assist"
		q = "SELECT (pg_get_statisticsobjdef_expressions(oid))[1] FROM pg_catalog.pg_statistic_ext WHERE stxrelid = pg_catalog.to_regclass('pg_temp.schemasync_assist')"
	default:
		return "", fmt.Errorf("unknown assist kind %q", kind)
	}
	s, err := a.ask(ctx, q, create, stmt)
	if err != nil {
		return "", err
	}
	a.cache[key] = s
	return s, nil
}

// functionBody returns how the server keeps a SQL-standard function body
// (RETURN expr, BEGIN ATOMIC … END), canonically: the function is created
// again as a temporary one, and its pg_get_functiondef read back. The server resolves calls and folds the
// constants it casts ('2025-01-01'::timestamp prints as '2025-01-01
// 00:00:00'), which the file's text cannot show.
func (a *serverAssist) functionBody(ctx context.Context, f *engines.Function) (string, error) {
	def := createFunctionSQL(f)
	head := "CREATE OR REPLACE FUNCTION " + qualify(f.Schema, f.Name) + "("
	if f.Procedure {
		head = "CREATE OR REPLACE PROCEDURE " + qualify(f.Schema, f.Name) + "("
	}
	if !strings.HasPrefix(def, head) {
		return "", fmt.Errorf("unexpected definition of %s", f.Name)
	}
	key := "function\x00" + def
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	// Under its own name (the server prints parameters as name.param), in
	// the session's temporary schema.
	temp := strings.Replace(def, qualify(f.Schema, f.Name)+"(", "pg_temp."+quoteIdent(f.Name)+"(", 1)
	out, err := a.ask(ctx, "SELECT pg_get_functiondef(p.oid) FROM pg_catalog.pg_proc p WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() AND p.proname = "+quoteLiteral(f.Name), temp)
	if err != nil {
		return "", err
	}
	g, err := parseFunctionDef(out)
	if err != nil {
		return "", err
	}
	a.cache[key] = g.Body
	return g.Body, nil
}
