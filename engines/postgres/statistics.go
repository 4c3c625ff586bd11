package postgres

// Extended statistics (CREATE STATISTICS): parse, inspect, diff, DDL and
// dump. A statistics object belongs to its table (dropping the table or
// one of its columns drops it) but has a schema and a name of its own. Its
// definition cannot be altered: a change drops and creates it again, which
// only costs the next ANALYZE. Objects on materialized views are not held.

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

const classStatistic = 3381 // pg_statistic_ext

// statisticKinds are the kinds a statement may name, in the server's order.
var statisticKinds = []string{"ndistinct", "dependencies", "mcv"}

// statisticDef is what a CREATE STATISTICS statement says, as the model
// keeps it (see engines.Statistic).
func statisticDef(cs *pg_query.CreateStatsStmt) (*engines.Statistic, error) {
	st := &engines.Statistic{}
	for _, e := range cs.Exprs {
		el := e.GetStatsElem()
		if el == nil {
			return nil, fmt.Errorf("unexpected element %s", stmtKind(e))
		}
		switch {
		case el.Name != "":
			st.Columns = append(st.Columns, el.Name)
		case singleColumnRef(el.Expr) != "":
			// The server takes "(a)" for the column a.
			st.Columns = append(st.Columns, singleColumnRef(el.Expr))
		default:
			expr := deparseExpr(el.Expr)
			if expr == "" {
				return nil, fmt.Errorf("cannot print an expression")
			}
			st.Exprs = append(st.Exprs, expr)
		}
	}
	sort.Strings(st.Columns)
	if len(st.Exprs) == 0 && len(st.Columns) < 2 {
		return nil, fmt.Errorf("extended statistics need at least 2 columns")
	}
	named := map[string]bool{}
	for _, k := range cs.StatTypes {
		kind := strings.ToLower(k.GetString_().GetSval())
		if !slices.Contains(statisticKinds, kind) {
			return nil, fmt.Errorf("unknown statistics kind %q", kind)
		}
		named[kind] = true
	}
	single := len(st.Exprs) == 1 && len(st.Columns) == 0
	switch {
	case single && len(named) > 0:
		return nil, fmt.Errorf("statistics on a single expression take no kinds")
	case single:
		// Only the expression's own statistics.
	default:
		for _, k := range statisticKinds {
			if named[k] || len(named) == 0 {
				st.Kinds = append(st.Kinds, k)
			}
		}
	}
	return st, nil
}

// singleColumnRef is the column a bare one-name column reference names.
func singleColumnRef(n *pg_query.Node) string {
	cr := n.GetColumnRef()
	if cr == nil || len(cr.Fields) != 1 {
		return ""
	}
	return cr.Fields[0].GetString_().GetSval()
}

// ---- parse ----

func (p *parser) createStatistics(s stmtAt, cs *pg_query.CreateStatsStmt) error {
	if len(cs.Relations) != 1 || cs.Relations[0].GetRangeVar() == nil {
		return fmt.Errorf("CREATE STATISTICS: needs exactly one table after FROM")
	}
	tschema, tname := rangeVarName(cs.Relations[0].GetRangeVar())
	t := p.findTable(tschema, tname)
	if t == nil {
		if p.findView(tschema, tname) != nil {
			return p.unsupported(s, "CREATE STATISTICS on a materialized view")
		}
		return fmt.Errorf("CREATE STATISTICS: table %s.%s is not defined in the schema files", tschema, tname)
	}
	st, err := statisticDef(cs)
	if err != nil {
		return fmt.Errorf("CREATE STATISTICS on %s.%s: %w", tschema, tname, err)
	}
	for _, c := range st.Columns {
		if t.Column(c) == nil && p.ancestorColumn(t, c) == nil {
			return fmt.Errorf("CREATE STATISTICS on %s.%s: column %q does not exist", tschema, tname, c)
		}
	}
	if len(cs.Defnames) == 0 {
		// Unnamed (PostgreSQL 14): in the table's schema, named as the
		// server's ChooseExtendedStatisticName names it.
		st.Schema = tschema
		var parts []string
		for _, e := range cs.Exprs {
			if n := e.GetStatsElem().GetName(); n != "" {
				parts = append(parts, n)
			} else {
				parts = append(parts, "expr")
			}
		}
		st.Name = chooseName(tname, joinNameParts(parts), "stat", func(n string) bool { return p.statistic(tschema, n) != nil })
	} else {
		st.Schema, st.Name = nameListSchema(stringList(cs.Defnames))
	}
	if cs.IfNotExists && p.statistic(st.Schema, st.Name) != nil {
		return nil
	}
	if err := p.define(s, "statistics", st.Schema+"."+st.Name); err != nil {
		return err
	}
	t.Statistics = append(t.Statistics, st)
	return nil
}

// copyStatistics copies the statistics of from to t as CREATE TABLE …
// (LIKE from INCLUDING STATISTICS) does: in t's schema, unnamed (the
// name's columns in the table's order, then "expr" for each expression),
// with the same kinds, and the comments when asked; not the targets.
func (p *parser) copyStatistics(t, from *engines.Table, comments bool) {
	for _, fs := range from.Statistics {
		st := &engines.Statistic{Schema: t.Schema, Kinds: slices.Clone(fs.Kinds), Columns: slices.Clone(fs.Columns), Exprs: slices.Clone(fs.Exprs)}
		var parts []string
		for _, c := range from.Columns {
			if slices.Contains(fs.Columns, c.Name) {
				parts = append(parts, c.Name)
			}
		}
		for range fs.Exprs {
			parts = append(parts, "expr")
		}
		st.Name = chooseName(t.Name, joinNameParts(parts), "stat", func(n string) bool { return p.statistic(t.Schema, n) != nil })
		if comments {
			st.Comment = fs.Comment
		}
		t.Statistics = append(t.Statistics, st)
	}
}

// statistic finds a statistics object by its own schema and name.
func (p *parser) statistic(schema, name string) *engines.Statistic {
	for _, t := range p.tables {
		for _, st := range t.Statistics {
			if st.Schema == schema && st.Name == name {
				return st
			}
		}
	}
	return nil
}

func (p *parser) alterStatistics(as *pg_query.AlterStatsStmt) error {
	schema, name := nameListSchema(stringList(as.Defnames))
	st := p.statistic(schema, name)
	if st == nil {
		if as.MissingOk {
			return nil
		}
		return fmt.Errorf("ALTER STATISTICS: statistics %s.%s is not defined in the schema files", schema, name)
	}
	st.Target = nil
	if n := as.Stxstattarget; n != nil {
		v, ok := intConst(n)
		if !ok {
			return fmt.Errorf("ALTER STATISTICS %s.%s: the target must be an integer", schema, name)
		}
		if v >= 0 {
			st.Target = &v
		}
	}
	return nil
}

// intConst reads an integer constant, signed or not.
func intConst(n *pg_query.Node) (int64, bool) {
	if i := n.GetInteger(); i != nil {
		return int64(i.Ival), true
	}
	if c := n.GetAConst(); c != nil && c.GetIval() != nil {
		return int64(c.GetIval().Ival), true
	}
	if s := n.GetString_(); s != nil {
		v, err := strconv.ParseInt(s.Sval, 10, 64)
		return v, err == nil
	}
	return 0, false
}

// ---- inspect ----

// qStatistics reads every extended statistics object on a table; the
// server prints each one's definition, which is read as the files are.
const qStatistics = `SELECT s.stxrelid, pg_get_statisticsobjdef(s.oid), nullif(coalesce(s.stxstattarget::int, -1), -1), s.oid
FROM pg_statistic_ext s
JOIN pg_class c ON c.oid = s.stxrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND ` + inScope + `
ORDER BY 1, 2`

func (in *inspector) statisticRow(rows pgx.Rows) error {
	var (
		relid, oid uint32
		def        string
		target     *int32
	)
	if err := rows.Scan(&relid, &def, &target, &oid); err != nil {
		return err
	}
	t := in.tables[relid]
	if t == nil || in.ownedByExtension(classStatistic, oid) {
		return nil
	}
	tree, err := pg_query.Parse(def)
	if err != nil || len(tree.Stmts) != 1 || tree.Stmts[0].Stmt.GetCreateStatsStmt() == nil {
		return fmt.Errorf("statistics on %s.%s: cannot read the server's %q", t.Schema, t.Name, def)
	}
	cs := tree.Stmts[0].Stmt.GetCreateStatsStmt()
	st, err := statisticDef(cs)
	if err != nil {
		return fmt.Errorf("statistics on %s.%s: %q: %w", t.Schema, t.Name, def, err)
	}
	st.Schema, st.Name = nameListSchema(stringList(cs.Defnames))
	if target != nil {
		v := int64(*target)
		st.Target = &v
	}
	st.Comment = in.comment(classStatistic, oid, 0)
	t.Statistics = append(t.Statistics, st)
	return nil
}

// ---- DDL ----

func createStatisticSQL(schema, table string, st *engines.Statistic) string {
	var b strings.Builder
	b.WriteString("CREATE STATISTICS ")
	b.WriteString(qualify(st.Schema, st.Name))
	if len(st.Kinds) > 0 && len(st.Kinds) < len(statisticKinds) {
		b.WriteString(" (" + strings.Join(st.Kinds, ", ") + ")")
	}
	items := make([]string, 0, len(st.Columns)+len(st.Exprs))
	for _, c := range st.Columns {
		items = append(items, quoteIdent(c))
	}
	for _, e := range st.Exprs {
		items = append(items, "("+e+")")
	}
	b.WriteString(" ON " + strings.Join(items, ", "))
	b.WriteString(" FROM " + qualify(schema, table))
	return b.String()
}

func statisticTargetSQL(st *engines.Statistic) string {
	target := int64(-1)
	if st.Target != nil {
		target = *st.Target
	}
	return "ALTER STATISTICS " + qualify(st.Schema, st.Name) + " SET STATISTICS " + strconv.FormatInt(target, 10)
}

func statisticObject(st *engines.Statistic) string {
	return "STATISTICS " + qualify(st.Schema, st.Name)
}

// dumpStatistics prints a table's statistics objects, after its indexes.
func dumpStatistics(t *engines.Table) (stmts, comments []string) {
	for _, st := range sortedBy(t.Statistics, statisticKey) {
		stmts = append(stmts, createStatisticSQL(t.Schema, t.Name, st))
		if st.Target != nil {
			stmts = append(stmts, statisticTargetSQL(st))
		}
		if st.Comment != "" {
			comments = append(comments, commentSQL(statisticObject(st), st.Comment))
		}
	}
	return stmts, comments
}

func statisticKey(st *engines.Statistic) string { return st.Schema + "." + st.Name }

// ---- diff ----

// diffStatistics appends the statistics changes of a table present on both
// sides, after its column changes: an object on a column the plan drops
// and adds again would go with the drop, so it is made again.
func (p *planner) diffStatistics(out []*engines.Change, t, s *engines.Table) []*engines.Change {
	if len(t.Statistics) == 0 && len(s.Statistics) == 0 {
		return out
	}
	gone := map[string]bool{}
	for _, c := range out[tableChangesFrom(out, s):] {
		if c.Kind == engines.KindColumn && (c.Op == engines.Drop || c.Op == engines.Replace) {
			gone[c.Name] = true
		}
	}
	tm := make(map[string]*engines.Statistic, len(t.Statistics))
	for _, x := range t.Statistics {
		tm[statisticKey(x)] = x
	}
	sm := make(map[string]*engines.Statistic, len(s.Statistics))
	for _, x := range s.Statistics {
		sm[statisticKey(x)] = x
	}
	for _, k := range unionKeys(tm, sm) {
		ts, ss := tm[k], sm[k]
		// Schema and Table name the table; the objects name their own schema.
		ch := &engines.Change{Kind: engines.KindStatistics, Schema: s.Schema, Table: s.Name}
		switch {
		case ts == nil:
			ch.Op, ch.Name, ch.To = engines.Add, ss.Name, ss
		case ss == nil:
			ch.Op, ch.Name, ch.From = engines.Drop, ts.Name, ts
		default:
			ch.Op, ch.Name, ch.From, ch.To = engines.Alter, ss.Name, ts, ss
			if !p.statisticEqual(s, ts, ss) || statisticReads(ts, gone) {
				ch.Op, ch.Fields = engines.Replace, []string{"definition"}
			}
			if !equalTarget(ts.Target, ss.Target) {
				ch.Fields = append(ch.Fields, "target")
			}
			if ts.Comment != ss.Comment {
				ch.Fields = append(ch.Fields, "comment")
			}
			if len(ch.Fields) == 0 {
				continue
			}
		}
		out = append(out, ch)
	}
	return out
}

func equalTarget(a, b *int64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// statisticEqual compares definitions; expressions go through the
// normalizer and, when it finds them apart, the target's printing.
func (p *planner) statisticEqual(tbl *engines.Table, a, b *engines.Statistic) bool {
	if !slices.Equal(a.Kinds, b.Kinds) || !slices.Equal(a.Columns, b.Columns) || len(a.Exprs) != len(b.Exprs) {
		return false
	}
	for i := range a.Exprs {
		if !p.tableExprEqual(tbl, "statistics", "", a.Exprs[i], b.Exprs[i]) {
			return false
		}
	}
	return true
}

// statisticReads reports whether a statistics object uses any of the
// columns (by name, in its expressions too).
func statisticReads(st *engines.Statistic, cols map[string]bool) bool {
	if len(cols) == 0 {
		return false
	}
	for _, c := range st.Columns {
		if cols[c] {
			return true
		}
	}
	return exprsRead(st.Exprs, cols)
}

// emitStatistic plans one change: drops go with the index drops, before
// columns are dropped; creations with the index builds, after columns are
// added.
func (p *planner) emitStatistic(c *engines.Change) error {
	obj := c.Object()
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	if c.Op == engines.Drop || c.Op == engines.Replace {
		from := c.From.(*engines.Statistic)
		p.add(phDropIndexes, obj, "DROP STATISTICS "+qualify(from.Schema, from.Name))
	}
	to, _ := c.To.(*engines.Statistic)
	if to == nil {
		return nil
	}
	if c.Op == engines.Add || c.Op == engines.Replace {
		p.createStatistic(c.Schema, c.Table, to)
		return nil
	}
	if has("target") {
		p.add(phCreateIndexes, obj, statisticTargetSQL(to))
	}
	if has("comment") {
		p.comment(obj, statisticObject(to), to.Comment)
	}
	return nil
}

// newStatistics plans the statistics objects of a table the plan creates.
func (p *planner) newStatistics(t *engines.Table) {
	for _, st := range t.Statistics {
		p.createStatistic(t.Schema, t.Name, st)
	}
}

// createStatistic plans CREATE STATISTICS on the table schema.table.
func (p *planner) createStatistic(schema, table string, st *engines.Statistic) {
	obj := "statistics " + key(schema, table+"."+st.Name)
	p.add(phCreateIndexes, obj, createStatisticSQL(schema, table, st))
	if st.Target != nil {
		p.add(phCreateIndexes, obj, statisticTargetSQL(st))
	}
	if st.Comment != "" {
		p.comment(obj, statisticObject(st), st.Comment)
	}
}
