package mysql

// Data checks: look at the target's data for what a plan's statements
// would trip over (NULLs before NOT NULL, duplicates before a unique key,
// rows breaking a new check or foreign key, values outside a narrowed
// type), and estimate the rows of the tables it touches. Each query counts
// at most dataCheckCap offending rows under a time limit, reads nothing but
// counts (the preview goes into pull request comments), and a query that
// fails is reported, not fatal.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// dataCheckTimeout bounds each check query.
const dataCheckTimeout = 5 * time.Second

// CheckData implements engines.DataChecker.
func (*Engine) CheckData(ctx context.Context, url string, plan *engines.Plan) ([]engines.Finding, error) {
	db, _, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// Before the session is taken: the pool holds one connection.
	f, err := detectFlavor(ctx, db)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("mysql: data checks on %s: %s", dsn.Redact(url), dsn.Scrub(url, err.Error()))
	}
	defer conn.Close()
	// Bound every SELECT of the session, and its wait for a metadata lock
	// (one statement: one round trip).
	limit := "SET SESSION max_execution_time = " + strconv.FormatInt(dataCheckTimeout.Milliseconds(), 10)
	if f.MariaDB {
		limit = "SET SESSION max_statement_time = " + strconv.FormatFloat(dataCheckTimeout.Seconds(), 'f', -1, 64)
	}
	if _, err := conn.ExecContext(ctx, limit+", lock_wait_timeout = 1"); err != nil {
		return nil, fmt.Errorf("mysql: data checks on %s: %s", dsn.Redact(url), dsn.Scrub(url, err.Error()))
	}
	c := &dataChecker{conn: conn, plan: plan}
	return c.run(ctx)
}

type dataChecker struct {
	conn *sql.Conn
	plan *engines.Plan
	// rows holds TABLE_ROWS of the tables that exist, by name.
	rows map[string]int64
}

func (c *dataChecker) run(ctx context.Context) ([]engines.Finding, error) {
	touched := c.plan.TouchedTables()
	if err := c.readEstimates(ctx, append(c.plan.ReferencedTables(), touched...)); err != nil {
		return nil, err
	}
	var out []engines.Finding
	for _, ch := range c.plan.Changes {
		if ch.Table == "" || !c.exists(ch.Table) {
			continue
		}
		out = append(out, c.checksOf(ctx, ch)...)
	}
	for _, t := range touched {
		if n, ok := c.rows[strings.ToLower(t.Name)]; ok {
			out = append(out, engines.Finding{Kind: engines.CheckRowEstimate, Object: "table " + t.Name, Rows: n,
				Message: fmt.Sprintf("about %s (the server's estimate)", engines.CountMessage(n, "row"))})
		}
	}
	return out, nil
}

// readEstimates reads which tables exist and their estimated rows.
func (c *dataChecker) readEstimates(ctx context.Context, tables []engines.TableRef) error {
	c.rows = map[string]int64{}
	if len(tables) == 0 {
		return nil
	}
	args := make([]any, len(tables))
	marks := make([]string, len(tables))
	for i, t := range tables {
		args[i], marks[i] = t.Name, "?"
	}
	rows, err := c.conn.QueryContext(ctx, "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME IN ("+strings.Join(marks, ",")+")", args...)
	if err != nil {
		return fmt.Errorf("mysql: data checks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return fmt.Errorf("mysql: data checks: %w", err)
		}
		c.rows[strings.ToLower(name)] = n
	}
	return rows.Err()
}

func (c *dataChecker) exists(table string) bool {
	_, ok := c.rows[strings.ToLower(table)]
	return ok
}

// count runs a count query; the error is worded for the finding.
func (c *dataChecker) count(ctx context.Context, query string) (int64, string) {
	var n int64
	if err := c.conn.QueryRowContext(ctx, query).Scan(&n); err != nil {
		var me *gomysql.MySQLError
		if errors.As(err, &me) {
			return 0, fmt.Sprintf("error %d: %s", me.Number, me.Message)
		}
		return 0, err.Error()
	}
	return n, ""
}

func capped(rowsSQL string) string {
	return "SELECT COUNT(*) FROM (" + rowsSQL + " LIMIT " + strconv.Itoa(engines.DataCheckCap+1) + ") AS offending"
}

// checksOf runs the checks of one change on an existing table.
func (c *dataChecker) checksOf(ctx context.Context, ch *engines.Change) []engines.Finding {
	table := quoteIdent(ch.Table)
	obj := ch.Object()
	run := func(kind engines.CheckKind, rowsSQL, what string) engines.Finding {
		f := engines.Finding{Kind: kind, Object: obj, Statement: c.plan.StatementOf("table "+ch.Table, engines.HazardMayFailOnData)}
		if n, errText := c.count(ctx, capped(rowsSQL)); errText != "" {
			f.Message, f.Error = "could not check", errText
		} else {
			f.SetCount(n, what)
		}
		return f
	}
	var out []engines.Finding
	switch to := ch.To.(type) {
	case *engines.Column:
		from, _ := ch.From.(*engines.Column)
		if from == nil || ch.Op != engines.Alter {
			break
		}
		col := quoteIdent(to.Name)
		if to.NotNull && !from.NotNull {
			out = append(out, run(engines.CheckNulls, "SELECT 1 FROM "+table+" WHERE "+col+" IS NULL", "rows holding NULL in "+to.Name))
		}
		if !strings.EqualFold(from.Type, to.Type) {
			if pred := outOfRange(col, to.Type); pred != "" {
				out = append(out, run(engines.CheckNarrowing, "SELECT 1 FROM "+table+" WHERE "+col+" IS NOT NULL AND "+pred, "rows holding a value of "+to.Name+" outside "+to.Type))
			}
		}
	case *engines.Index:
		if to.Unique && ch.Op != engines.Drop {
			out = append(out, run(engines.CheckDuplicates, duplicatesSQL(table, indexKeys(to.Parts)), "key values held by more than one row"))
		}
	case *engines.Constraint:
		switch to.Kind {
		case engines.PrimaryKey, engines.Unique:
			keys := make([]string, len(to.Columns))
			for i, col := range to.Columns {
				keys[i] = quoteIdent(col)
			}
			out = append(out, run(engines.CheckDuplicates, duplicatesSQL(table, keys), "key values held by more than one row"))
		case engines.Check:
			if !to.NotEnforced {
				out = append(out, run(engines.CheckViolations, "SELECT 1 FROM "+table+" WHERE NOT ("+to.Check+")", "rows breaking CHECK ("+strings.Join(strings.Fields(to.Check), " ")+")"))
			}
		case engines.ForeignKey:
			var set, match []string
			for i, col := range to.Columns {
				set = append(set, "c."+quoteIdent(col)+" IS NOT NULL")
				if i < len(to.RefColumns) {
					match = append(match, "r."+quoteIdent(to.RefColumns[i])+" = c."+quoteIdent(col))
				}
			}
			cond := strings.Join(set, " AND ")
			if c.exists(to.RefTable) && len(match) == len(set) {
				cond += " AND NOT EXISTS (SELECT 1 FROM " + quoteIdent(to.RefTable) + " r WHERE " + strings.Join(match, " AND ") + ")"
			}
			out = append(out, run(engines.CheckOrphans, "SELECT 1 FROM "+table+" c WHERE "+cond, "rows referring to no row of "+to.RefTable))
		}
	}
	return out
}

// indexKeys prints index parts as GROUP BY takes them (prefix parts as
// the prefix the index holds).
func indexKeys(parts []*engines.IndexPart) []string {
	keys := make([]string, len(parts))
	for i, p := range parts {
		switch {
		case p.Expr != "":
			keys[i] = "(" + p.Expr + ")"
		case p.Length > 0:
			keys[i] = "LEFT(" + quoteIdent(p.Column) + ", " + strconv.Itoa(p.Length) + ")"
		default:
			keys[i] = quoteIdent(p.Column)
		}
	}
	return keys
}

// duplicatesSQL selects one row per key value held by more than one row;
// NULL keys never collide.
func duplicatesSQL(table string, keys []string) string {
	conds := make([]string, len(keys))
	for i, k := range keys {
		conds[i] = k + " IS NOT NULL"
	}
	return "SELECT 1 FROM " + table + " WHERE " + strings.Join(conds, " AND ") + " GROUP BY " + strings.Join(keys, ", ") + " HAVING COUNT(*) > 1"
}

// intRanges are the value ranges of the integer types, signed and unsigned.
var intRanges = map[string][2]string{
	"tinyint":   {"-128", "127"},
	"smallint":  {"-32768", "32767"},
	"mediumint": {"-8388608", "8388607"},
	"int":       {"-2147483648", "2147483647"},
	"bigint":    {"-9223372036854775808", "9223372036854775807"},
}

var uintMax = map[string]string{
	"tinyint": "255", "smallint": "65535", "mediumint": "16777215", "int": "4294967295", "bigint": "18446744073709551615",
}

// outOfRange returns a predicate for the values of col that do not fit
// typ, for types with a length, a range or a list of values; "" when the
// check does not know the type.
func outOfRange(col, typ string) string {
	t := strings.ToLower(strings.TrimSpace(typ))
	base, args := t, ""
	if i := strings.IndexByte(t, '('); i >= 0 {
		if j := strings.LastIndexByte(t, ')'); j > i {
			base, args = t[:i], typ[i+1:j]
		}
	}
	unsigned := strings.Contains(t, " unsigned")
	base = strings.Fields(base)[0]
	switch base {
	case "varchar", "char", "varbinary", "binary":
		if n, err := strconv.Atoi(args); err == nil {
			fn := "CHAR_LENGTH"
			if strings.HasSuffix(base, "binary") {
				fn = "LENGTH"
			}
			return fn + "(" + col + ") > " + strconv.Itoa(n)
		}
	case "tinyint", "smallint", "mediumint", "int", "bigint":
		if unsigned {
			return "(" + col + " < 0 OR " + col + " > " + uintMax[base] + ")"
		}
		r := intRanges[base]
		return col + " NOT BETWEEN " + r[0] + " AND " + r[1]
	case "decimal", "numeric":
		p, s, _ := strings.Cut(args, ",")
		prec, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return ""
		}
		scale, _ := strconv.Atoi(strings.TrimSpace(s))
		pred := "ABS(ROUND(" + col + ", " + strconv.Itoa(scale) + ")) >= POW(10, " + strconv.Itoa(prec-scale) + ")"
		if unsigned {
			pred = "(" + pred + " OR " + col + " < 0)"
		}
		return pred
	case "enum":
		// The labels are printed as SQL string literals already.
		return col + " NOT IN (" + args + ")"
	}
	return ""
}
