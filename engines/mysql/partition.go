package mysql

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/schemasync/schemasync/engines"
)

// Table.PartitionBy holds the text after PARTITION BY in one canonical
// spelling that parse (from the AST) and inspect (from
// information_schema.PARTITIONS) both print:
//
//	RANGE (`id`) (PARTITION `p0` VALUES LESS THAN (100), PARTITION `p1` VALUES LESS THAN MAXVALUE)
//	LIST (`id`) (PARTITION `a` VALUES IN (1, 2))
//	HASH (`id`) PARTITIONS 3
//	KEY (`a`, `b`) (PARTITION `x`, PARTITION `y`)
//
// Expressions and values are printed with canonExpr. HASH and KEY partitions
// named p0..pN-1 (the server's default names) print as PARTITIONS N.
// Subpartitioned and system-versioned tables are left unmanaged on both sides.

// partitionBySQL prints the canonical clause as DDL: one partition, the
// server's default, goes unsaid, so the table reads as one partitioned
// without a count (SHOW CREATE TABLE keeps an explicit PARTITIONS 1).
func partitionBySQL(p string) string {
	return strings.TrimSuffix(p, " PARTITIONS 1")
}

// partDef is one partition: its name and its values clause ("" for HASH/KEY).
type partDef struct {
	name   string
	values string
}

// partitionText assembles the canonical clause.
func partitionText(method string, args []string, defs []partDef) string {
	var b strings.Builder
	b.WriteString(method)
	b.WriteString(" (")
	b.WriteString(strings.Join(args, ", "))
	b.WriteString(")")
	if len(defs) == 0 {
		return b.String()
	}
	defaults := true
	for i, d := range defs {
		if d.values != "" || d.name != fmt.Sprintf("p%d", i) {
			defaults = false
		}
	}
	if defaults {
		fmt.Fprintf(&b, " PARTITIONS %d", len(defs))
		return b.String()
	}
	parts := make([]string, len(defs))
	for i, d := range defs {
		parts[i] = "PARTITION " + quoteIdent(d.name)
		if d.values != "" {
			parts[i] += " " + d.values
		}
	}
	b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	return b.String()
}

// valuesClause prints a RANGE or LIST partition's values. A lone MAXVALUE
// of a plain RANGE prints without parentheses, as the servers write it.
func valuesClause(method string, tuples [][]string) string {
	base := strings.TrimPrefix(method, "LINEAR ")
	if strings.HasPrefix(base, "RANGE") {
		if len(tuples) != 1 {
			return ""
		}
		if !strings.Contains(base, "COLUMNS") && len(tuples[0]) == 1 && tuples[0][0] == "MAXVALUE" {
			return "VALUES LESS THAN MAXVALUE"
		}
		return "VALUES LESS THAN (" + strings.Join(tuples[0], ", ") + ")"
	}
	items := make([]string, len(tuples))
	for i, t := range tuples {
		items[i] = strings.Join(t, ", ")
		if len(t) > 1 {
			items[i] = "(" + items[i] + ")"
		}
	}
	return "VALUES IN (" + strings.Join(items, ", ") + ")"
}

// canonPartValue prints one bound value.
func canonPartValue(text string) string {
	text = strings.TrimSpace(text)
	if strings.EqualFold(text, "MAXVALUE") {
		return "MAXVALUE"
	}
	return canonExpr(text)
}

// splitTop splits text at commas outside quotes and parentheses.
func splitTop(text string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, text[start:i])
			start = i + 1
		}
	}
	out = append(out, text[start:])
	return out
}

// partitionClause builds PartitionBy from a CREATE TABLE's PARTITION BY.
// ok is false for partitioning the model does not manage.
func partitionClause(po *ast.PartitionOptions) (string, bool, error) {
	if po.Sub != nil {
		return "", false, nil
	}
	var method string
	switch po.Tp {
	case ast.PartitionTypeRange:
		method = "RANGE"
	case ast.PartitionTypeList:
		method = "LIST"
	case ast.PartitionTypeHash:
		method = "HASH"
	case ast.PartitionTypeKey:
		method = "KEY"
	default:
		return "", false, nil
	}
	var args []string
	if po.Expr != nil {
		e, err := canonExprNode(po.Expr)
		if err != nil {
			return "", false, err
		}
		args = append(args, e)
	} else {
		if method == "RANGE" || method == "LIST" {
			method += " COLUMNS"
		}
		for _, c := range po.ColumnNames {
			args = append(args, quoteIdent(c.Name.O))
		}
	}
	if po.Linear {
		method = "LINEAR " + method
	}
	var defs []partDef
	for _, d := range po.Definitions {
		if len(d.Sub) > 0 {
			return "", false, nil
		}
		pd := partDef{name: d.Name.O}
		var tuples [][]string
		switch c := d.Clause.(type) {
		case *ast.PartitionDefinitionClauseLessThan:
			var t []string
			for _, e := range c.Exprs {
				v, err := partValue(e)
				if err != nil {
					return "", false, err
				}
				t = append(t, v)
			}
			tuples = append(tuples, t)
		case *ast.PartitionDefinitionClauseIn:
			for _, row := range c.Values {
				var t []string
				for _, e := range row {
					v, err := partValue(e)
					if err != nil {
						return "", false, err
					}
					t = append(t, v)
				}
				tuples = append(tuples, t)
			}
		}
		if tuples != nil {
			pd.values = valuesClause(method, tuples)
		}
		defs = append(defs, pd)
	}
	if len(defs) == 0 {
		n := int(po.Num)
		if n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			defs = append(defs, partDef{name: fmt.Sprintf("p%d", i)})
		}
	}
	return partitionText(method, args, defs), true, nil
}

func partValue(e ast.ExprNode) (string, error) {
	if _, ok := e.(*ast.MaxValueExpr); ok {
		return "MAXVALUE", nil
	}
	if v, ok := constantBound(e); ok {
		return v, nil
	}
	return canonExprNode(e)
}

// constantBound evaluates TO_DAYS('date') and TO_SECONDS('datetime') of a
// literal, as the servers do when they store a partition's bound (RANGE
// (TO_DAYS(created)) partitions say VALUES LESS THAN (TO_DAYS('2024-01-01'))
// and information_schema reads 739251). Other calls are left as written.
func constantBound(e ast.ExprNode) (string, bool) {
	fc, ok := e.(*ast.FuncCallExpr)
	if !ok || len(fc.Args) != 1 {
		return "", false
	}
	name := fc.FnName.L
	if name != "to_days" && name != "to_seconds" {
		return "", false
	}
	lit, ok := literalOf(fc.Args[0])
	if !ok || !lit.quoted {
		return "", false
	}
	var at time.Time
	var err error
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02", "20060102"} {
		if at, err = time.Parse(layout, lit.text); err == nil {
			break
		}
	}
	if err != nil || at.Year() < 1 {
		return "", false
	}
	// MySQL counts days from year 0, which it takes as 365 days long:
	// TO_DAYS('1970-01-01') is 719528. (A time.Duration spans 292 years
	// only: count from the Unix epoch.)
	unix := at.Unix()
	days := unix / 86400
	if unix%86400 < 0 {
		days--
	}
	days += 719528
	if name == "to_days" {
		return strconv.FormatInt(days, 10), true
	}
	secs := int64(at.Hour()*3600 + at.Minute()*60 + at.Second())
	return strconv.FormatInt(days*86400+secs, 10), true
}

// partitionRows accumulates information_schema.PARTITIONS rows of one table.
type partitionRows struct {
	method, expr string
	defs         []partDef
	skip         bool
}

// readPartitions fills PartitionBy for every partitioned table with one query.
func (in *inspector) readPartitions() []read {
	byTable := map[string]*partitionRows{}
	var order []string
	return []read{{what: "partitions",
		sql: `SELECT TABLE_NAME, PARTITION_NAME, COALESCE(PARTITION_METHOD, ''),
		COALESCE(PARTITION_EXPRESSION, ''), PARTITION_DESCRIPTION, SUBPARTITION_NAME
		FROM information_schema.PARTITIONS
		WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL
		ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`,
		row: func(rows *sql.Rows) error {
			var table, name, method, expr string
			var desc, sub sql.NullString
			if err := rows.Scan(&table, &name, &method, &expr, &desc, &sub); err != nil {
				return err
			}
			pr := byTable[table]
			if pr == nil {
				pr = &partitionRows{method: strings.ToUpper(strings.Join(strings.Fields(method), " ")), expr: expr}
				byTable[table] = pr
				order = append(order, table)
			}
			if sub.Valid {
				pr.skip = true
			}
			pd := partDef{name: name}
			if desc.Valid && strings.Contains(pr.method, "RANGE") {
				pd.values = valuesClause(pr.method, [][]string{canonValues(desc.String)})
			} else if desc.Valid && strings.Contains(pr.method, "LIST") {
				var tuples [][]string
				for _, item := range splitTop(desc.String) {
					item = strings.TrimSpace(item)
					if strings.HasPrefix(item, "(") && strings.HasSuffix(item, ")") {
						tuples = append(tuples, canonValues(item[1:len(item)-1]))
					} else {
						tuples = append(tuples, []string{canonPartValue(item)})
					}
				}
				pd.values = valuesClause(pr.method, tuples)
			}
			pr.defs = append(pr.defs, pd)
			return nil
		},
		done: func() error {
			for _, table := range order {
				pr, t := byTable[table], in.tables[table]
				base := strings.TrimPrefix(pr.method, "LINEAR ")
				if t == nil || pr.skip || (base != "RANGE" && base != "LIST" && base != "HASH" && base != "KEY" &&
					base != "RANGE COLUMNS" && base != "LIST COLUMNS") {
					continue
				}
				var args []string
				if base == "RANGE" || base == "LIST" || base == "HASH" {
					args = []string{canonExpr(pr.expr)}
				} else if strings.TrimSpace(pr.expr) != "" {
					for _, c := range splitTop(pr.expr) {
						args = append(args, canonExpr(c))
					}
				}
				t.PartitionBy = partitionText(pr.method, args, pr.defs)
			}
			return nil
		}}}
}

func canonValues(text string) []string {
	var out []string
	for _, v := range splitTop(text) {
		out = append(out, canonPartValue(v))
	}
	return out
}

// partitionDiff returns the statement that moves a table's partitioning
// from old to t, or nil.
func partitionDiff(old, t *engines.Table) *engines.Statement {
	if old.PartitionBy == t.PartitionBy {
		return nil
	}
	obj := "table " + t.Name
	if t.PartitionBy == "" {
		return stmt("ALTER TABLE "+quoteIdent(t.Name)+" REMOVE PARTITIONING", obj,
			hazard(engines.HazardRewritesTable, "removing the partitioning of "+t.Name+" copies the table"))
	}
	return stmt("ALTER TABLE "+quoteIdent(t.Name)+" PARTITION BY "+partitionBySQL(t.PartitionBy), obj,
		hazard(engines.HazardRewritesTable, "repartitioning "+t.Name+" copies the table"))
}
