package postgres

// Data checks: before a plan is applied, look at the target's data for
// what its statements would trip over, so that the preview says "3 rows
// hold NULL" rather than apply failing on production. Every query is
// read-only, runs in its own transaction under a statement timeout, and
// counts at most dataCheckCap offending rows; values are never read out,
// only counted (the preview goes into pull request comments).

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

const (
	// dataCheckTimeout bounds each check query: a check that needs longer
	// (a scan of a huge table without a helpful index) is reported as not
	// done rather than slowing the plan down.
	dataCheckTimeout = 5 * time.Second
	// dataCheckLockTimeout keeps a check from queueing behind a lock.
	dataCheckLockTimeout = time.Second
)

// CheckData implements engines.DataChecker.
func (*Engine) CheckData(ctx context.Context, url string, plan *engines.Plan) ([]engines.Finding, error) {
	conn, release, err := connectKept(ctx, url)
	if err != nil {
		return nil, err
	}
	defer release()
	c := &dataChecker{conn: conn, plan: plan}
	out, err := c.run(ctx)
	if err != nil {
		return out, fmt.Errorf("postgres: data checks on %s: %s", dsn.Redact(url), dsn.Scrub(url, err.Error()))
	}
	return out, nil
}

type dataChecker struct {
	conn *pgx.Conn
	plan *engines.Plan
	// estimates holds the row estimate of each touched table that exists
	// (-1: never analyzed), by "schema.name".
	estimates map[string]int64
}

// countCheck is one check: a query returning a capped count of the
// offending rows, and what they are ("rows holding NULL in a").
type countCheck struct {
	finding engines.Finding
	sql     string
	what    string
	// convert, when set, makes the finding of a query that is only
	// run to see whether it fails (err nil: it did not).
	convert func(f engines.Finding, err error) engines.Finding
}

func (c *dataChecker) run(ctx context.Context) ([]engines.Finding, error) {
	tables := c.plan.TouchedTables()
	if err := c.readEstimates(ctx, append(c.plan.ReferencedTables(), tables...)); err != nil {
		return nil, err
	}
	// Every check in one round trip: a distant target would otherwise pay
	// several per check.
	checks := append(c.checks(), c.narrowing()...)
	queries := make([]pipeQuery, 0, len(checks)+1)
	for _, ch := range checks {
		queries = append(queries, pipeQuery{sql: ch.sql, guarded: true})
	}
	queries = append(queries, pipeQuery{sql: invalidIndexesSQL})
	results, err := runPipeline(ctx, c.conn, queries)
	if err != nil {
		return nil, err
	}
	var out []engines.Finding
	for i, ch := range checks {
		out = append(out, ch.result(results[i]))
	}
	if r := results[len(checks)]; r.err != nil {
		out = append(out, engines.Finding{Kind: engines.CheckInvalidIndexes, Message: "could not list INVALID indexes", Error: checkError(r.err)})
	} else {
		out = append(out, invalidIndexFindings(r.rows)...)
	}
	for _, t := range tables {
		k := key(t.Schema, t.Name)
		n, ok := c.estimates[k]
		if !ok {
			continue // created by the plan
		}
		f := engines.Finding{Kind: engines.CheckRowEstimate, Object: "table " + k, Rows: max(n, 0)}
		if n < 0 {
			f.Message = "row count unknown: the table was never analyzed"
		} else {
			f.Message = fmt.Sprintf("about %s (planner estimate)", engines.CountMessage(n, "row"))
		}
		out = append(out, f)
	}
	return out, nil
}

// readEstimates reads the planner's row estimates of the tables that
// exist, in one query.
// readEstimates reads the row estimates of the touched tables that exist;
// a foreign table is left out: its rows are another server's, and reading
// them to check would reach that server.
func (c *dataChecker) readEstimates(ctx context.Context, tables []engines.TableRef) error {
	c.estimates = map[string]int64{}
	if len(tables) == 0 {
		return nil
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = qualify(t.Schema, t.Name)
	}
	rows, err := c.conn.Query(ctx, `SELECT t.i, c.reltuples::bigint
FROM unnest($1::text[]) WITH ORDINALITY AS t(name, i)
JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name) AND c.relkind <> 'f'`, names)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i, n int64
		if err := rows.Scan(&i, &n); err != nil {
			return err
		}
		c.estimates[key(tables[i-1].Schema, tables[i-1].Name)] = n
	}
	return rows.Err()
}

func (c *dataChecker) exists(schema, table string) bool {
	_, ok := c.estimates[key(schema, table)]
	return ok
}

// guardSQL opens the read-only transaction of one check, under the check
// timeouts.
func guardSQL() []string {
	return []string{
		"BEGIN READ ONLY",
		"SET LOCAL statement_timeout = " + quoteLiteral(pgDuration(dataCheckTimeout)),
		"SET LOCAL lock_timeout = " + quoteLiteral(pgDuration(dataCheckLockTimeout)),
	}
}

// result makes the check's finding from its query's result.
func (ch countCheck) result(r pipeResult) engines.Finding {
	f := ch.finding
	if ch.convert != nil {
		return ch.convert(f, r.err)
	}
	n, err := r.count()
	if err != nil {
		f.Message, f.Error = "could not check", checkError(err)
	} else {
		f.SetCount(n, ch.what)
	}
	return f
}

// checkError words a failed check without the values a server message may
// quote (data exceptions name the offending value).
func checkError(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if strings.HasPrefix(pe.Code, "22") {
			return "data exception, SQLSTATE " + pe.Code
		}
		return pe.Message + " (SQLSTATE " + pe.Code + ")"
	}
	return err.Error()
}

// capped wraps a query of offending rows so that it counts at most
// DataCheckCap+1 of them.
func capped(rowsSQL string) string {
	return "SELECT count(*) FROM (" + rowsSQL + " LIMIT " + strconv.Itoa(engines.DataCheckCap+1) + ") AS offending"
}

// checks lists the count checks of the plan's changes on existing tables.
func (c *dataChecker) checks() []countCheck {
	var out []countCheck
	for _, ch := range c.plan.Changes {
		if ch.Table == "" || !c.exists(ch.Schema, ch.Table) {
			continue
		}
		table := qualify(ch.Schema, ch.Table)
		obj := ch.Object()
		finding := func(kind engines.CheckKind) engines.Finding {
			return engines.Finding{Kind: kind, Object: obj, Statement: c.plan.StatementOf(obj, engines.HazardMayFailOnData)}
		}
		switch to := ch.To.(type) {
		case *engines.Column:
			if ch.Op == engines.Add && to.NotNull && to.Default == "" && to.Identity == "" && to.Generated == "" {
				out = append(out, countCheck{finding: finding(engines.CheckNulls), sql: capped("SELECT 1 FROM " + table),
					what: "rows of the table, which a NOT NULL column without default cannot be added to"})
			}
			if ch.Op == engines.Alter && slices.Contains(ch.Fields, "not_null") && to.NotNull {
				out = append(out, countCheck{finding: finding(engines.CheckNulls),
					sql:  capped("SELECT 1 FROM " + table + " WHERE " + quoteIdent(to.Name) + " IS NULL"),
					what: "rows holding NULL in " + to.Name})
			}
		case *engines.Index:
			if to.Unique && (ch.Op == engines.Add || ch.Op == engines.Replace) {
				out = append(out, c.duplicates(finding(engines.CheckDuplicates), table, indexKeys(to), to.Where, to.NullsNotDistinct))
			}
		case *engines.Constraint:
			newlyChecked := ch.Op == engines.Add || ch.Op == engines.Replace ||
				(ch.Op == engines.Alter && slices.Contains(ch.Fields, "validate"))
			if !newlyChecked || to.NotValid {
				continue
			}
			switch to.Kind {
			case engines.Unique, engines.PrimaryKey:
				keys := make([]string, len(to.Columns))
				for i, col := range to.Columns {
					keys[i] = quoteIdent(col)
				}
				out = append(out, c.duplicates(finding(engines.CheckDuplicates), table, keys, "", to.NullsNotDistinct))
			case engines.Check:
				out = append(out, countCheck{finding: finding(engines.CheckViolations),
					sql:  capped("SELECT 1 FROM " + table + " WHERE NOT (" + to.Check + ")"),
					what: "rows breaking CHECK (" + oneLineSQL(to.Check) + ")"})
			case engines.ForeignKey:
				out = append(out, c.orphans(finding(engines.CheckOrphans), ch.Schema, table, to))
			}
		}
	}
	return out
}

func oneLineSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

// indexKeys prints the keys of an index as GROUP BY takes them.
func indexKeys(idx *engines.Index) []string {
	keys := make([]string, len(idx.Parts))
	for i, p := range idx.Parts {
		if p.Expr != "" {
			keys[i] = "(" + p.Expr + ")"
		} else {
			keys[i] = quoteIdent(p.Column)
		}
	}
	return keys
}

// duplicates counts the key values held by more than one row; rows with a
// NULL key never collide unless NULLS NOT DISTINCT.
func (c *dataChecker) duplicates(f engines.Finding, table string, keys []string, where string, nullsNotDistinct bool) countCheck {
	var conds []string
	if where != "" {
		conds = append(conds, "("+where+")")
	}
	if !nullsNotDistinct {
		for _, k := range keys {
			conds = append(conds, k+" IS NOT NULL")
		}
	}
	sql := "SELECT 1 FROM " + table
	if len(conds) > 0 {
		sql += " WHERE " + strings.Join(conds, " AND ")
	}
	sql += " GROUP BY " + strings.Join(keys, ", ") + " HAVING count(*) > 1"
	return countCheck{finding: f, sql: capped(sql), what: "key values held by more than one row"}
}

// orphans counts the rows a new foreign key refuses: keys (all columns
// set, or for MATCH FULL some but not all) without a referenced row.
func (c *dataChecker) orphans(f engines.Finding, schema, table string, fk *engines.Constraint) countCheck {
	refSchema := fk.RefSchema
	if refSchema == "" {
		refSchema = schema
	}
	var set, match []string
	for i, col := range fk.Columns {
		set = append(set, "c."+quoteIdent(col)+" IS NOT NULL")
		if i < len(fk.RefColumns) {
			match = append(match, "r."+quoteIdent(fk.RefColumns[i])+" = c."+quoteIdent(col))
		}
	}
	cond := strings.Join(set, " AND ")
	if c.exists(refSchema, fk.RefTable) && len(match) == len(fk.Columns) {
		cond += " AND NOT EXISTS (SELECT 1 FROM " + qualify(refSchema, fk.RefTable) + " r WHERE " + strings.Join(match, " AND ") + ")"
	}
	// Otherwise the referenced table is created by the plan, empty (or its
	// key is implied): every key refers to nothing.
	if fk.Match == "FULL" && len(fk.Columns) > 1 {
		cols := make([]string, len(fk.Columns))
		for i, col := range fk.Columns {
			cols[i] = "c." + quoteIdent(col)
		}
		cond = "(" + cond + ") OR pg_catalog.num_nulls(" + strings.Join(cols, ", ") + ") BETWEEN 1 AND " + strconv.Itoa(len(cols)-1)
	}
	return countCheck{finding: f, sql: capped("SELECT 1 FROM " + table + " c WHERE " + cond),
		what: "rows referring to no row of " + qualify(refSchema, fk.RefTable)}
}

// narrowing checks the column type changes whose values may not fit the
// new type: lengths and ranges are counted; other conversions are tried on
// every row, which fails on the first value that does not convert.
func (c *dataChecker) narrowing() []countCheck {
	var out []countCheck
	for _, ch := range c.plan.Changes {
		from, ok1 := ch.From.(*engines.Column)
		to, ok2 := ch.To.(*engines.Column)
		if !ok1 || !ok2 || ch.Op != engines.Alter || !slices.Contains(ch.Fields, "type") || !c.exists(ch.Schema, ch.Table) {
			continue
		}
		if _, mayFail := typeChangeRisk(from.Type, to.Type); !mayFail {
			continue
		}
		obj := ch.Object()
		f := engines.Finding{Kind: engines.CheckNarrowing, Object: obj, Statement: c.plan.StatementOf(obj, engines.HazardMayFailOnData)}
		table, col := qualify(ch.Schema, ch.Table), quoteIdent(to.Name)
		if pred := outOfRange(col, from.Type, to.Type); pred != "" {
			out = append(out, countCheck{finding: f, sql: capped("SELECT 1 FROM " + table + " WHERE " + pred),
				what: "rows holding a value of " + to.Name + " outside " + to.Type})
			continue
		}
		using, _ := columnUsingSQL(to.Name, from.Type, to.Type, false, false)
		if using == "" {
			using = col + "::" + to.Type
		}
		name, typ := to.Name, to.Type
		// count(v), not count(*): the conversion must be evaluated.
		out = append(out, countCheck{finding: f,
			sql: "SELECT count(converted.v) FROM (SELECT " + using + " AS v FROM " + table + " WHERE " + col + " IS NOT NULL) AS converted",
			convert: func(f engines.Finding, err error) engines.Finding {
				var pe *pgconn.PgError
				switch {
				case err == nil:
					f.Message = "every value of " + name + " converts to " + typ
				case errors.As(err, &pe) && (strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "23")):
					f.Message, f.Fails = "a value of "+name+" does not convert to "+typ+" (SQLSTATE "+pe.Code+"); the count of such rows is not known", true
				default:
					f.Message, f.Error = "could not check", checkError(err)
				}
				return f
			}})
	}
	return out
}

// outOfRange returns a predicate for the values of col (of type from) that
// do not fit a type with a length or range, or "" when there is none: the
// types are of different families, or typ has neither.
func outOfRange(col, from, typ string) string {
	base, args := typ, ""
	fromBase, _, _ := strings.Cut(from, "(")
	numeric := map[string]bool{"smallint": true, "integer": true, "bigint": true, "numeric": true, "real": true, "double precision": true}
	if strings.HasSuffix(from, "[]") || strings.HasSuffix(typ, "[]") {
		return ""
	}
	if i := strings.IndexByte(typ, '('); i >= 0 && strings.HasSuffix(typ, ")") {
		base, args = typ[:i], typ[i+1:len(typ)-1]
	}
	switch base {
	case "character varying", "character":
		if _, err := strconv.Atoi(args); err == nil && stringFamily(from) == "char" {
			return "pg_catalog.char_length(" + col + ") > " + args
		}
	case "bit varying", "bit":
		if _, err := strconv.Atoi(args); err == nil && stringFamily(from) == "bit" {
			return "pg_catalog.length(" + col + ") > " + args
		}
	}
	if !numeric[fromBase] {
		return ""
	}
	switch base {
	case "smallint":
		return col + " NOT BETWEEN -32768 AND 32767"
	case "integer":
		return col + " NOT BETWEEN -2147483648 AND 2147483647"
	case "numeric":
		p, s, _ := strings.Cut(args, ",")
		prec, err1 := strconv.Atoi(strings.TrimSpace(p))
		scale := 0
		if s != "" {
			var err error
			if scale, err = strconv.Atoi(strings.TrimSpace(s)); err != nil {
				return ""
			}
		}
		if err1 != nil {
			return ""
		}
		return "pg_catalog.abs(pg_catalog.round(" + col + "::numeric, " + strconv.Itoa(scale) + ")) >= 1e" + strconv.Itoa(prec-scale)
	}
	return ""
}

// invalidIndexesSQL lists the INVALID indexes of ordinary tables: what
// failed or interrupted concurrent builds left. Queries do not use them,
// writes still maintain them, and a build of the same name fails until
// they go.
const invalidIndexesSQL = `SELECT n.nspname, t.relname, x.relname
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE NOT i.indisvalid AND t.relkind IN ('r', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1, 2, 3`

// invalidIndexFindings makes the findings of invalidIndexesSQL's rows.
func invalidIndexFindings(rows [][][]byte) []engines.Finding {
	var out []engines.Finding
	for _, r := range rows {
		schema, table, index := string(r[0]), string(r[1]), string(r[2])
		out = append(out, engines.Finding{Kind: engines.CheckInvalidIndexes, Object: "index " + key(schema, table) + "." + index,
			Message: "INVALID (left by a failed or interrupted concurrent build): queries do not use it; drop it, or let apply drop it before it builds an index of that name"})
	}
	return out
}
