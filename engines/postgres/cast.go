package postgres

// Casts (CREATE CAST): parse, inspect, diff, DDL and dump. A cast is its
// source and target types; nothing of it changes in place, so a change
// drops and makes it again. Casts are made with the functions table
// definitions call, after the function they use.

import (
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

const classCast = 2605 // pg_cast

var castContexts = map[pg_query.CoercionContext]string{
	pg_query.CoercionContext_COERCION_ASSIGNMENT: "ASSIGNMENT", pg_query.CoercionContext_COERCION_IMPLICIT: "IMPLICIT",
}

// castFunction names a cast's function as "name(argtypes)".
func castFunction(owa *pg_query.ObjectWithArgs) string {
	args := make([]string, 0, len(owa.GetObjargs()))
	for _, a := range owa.GetObjargs() {
		args = append(args, formatType(a.GetTypeName()))
	}
	return unqualifiedRoutine(strings.Join(stringList(owa.GetObjname()), ".")) + "(" + strings.Join(args, ", ") + ")"
}

// castKey is "source AS target" of two type names.
func castKey(source, target *pg_query.TypeName) string {
	return (&engines.Cast{Source: formatType(source), Target: formatType(target)}).Key()
}

// castListKey reads DROP CAST's and COMMENT ON CAST's (source, target).
func castListKey(n *pg_query.Node) string {
	items := n.GetList().GetItems()
	if len(items) != 2 {
		return ""
	}
	return "cast:" + castKey(items[0].GetTypeName(), items[1].GetTypeName())
}

func (p *parser) createCast(s stmtAt, cs *pg_query.CreateCastStmt) error {
	c := &engines.Cast{Source: formatType(cs.Sourcetype), Target: formatType(cs.Targettype), Inout: cs.Inout, Context: castContexts[cs.Context]}
	if cs.Func != nil {
		c.Function = castFunction(cs.Func)
	}
	if err := p.define(s, "cast", c.Key()); err != nil {
		return err
	}
	p.db.Casts = append(p.db.Casts, c)
	return nil
}

func (p *parser) cast(key string) *engines.Cast {
	for _, c := range p.db.Casts {
		if "cast:"+c.Key() == key {
			return c
		}
	}
	return nil
}

// qCasts reads the casts made after initdb, but those a type made for
// itself (a range type's cast to its multirange depends on it internally).
const qCasts = `SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL),
  CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text ELSE '' END, c.castmethod::text, c.castcontext::text, c.oid
FROM pg_cast c
WHERE c.oid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
ORDER BY 1, 2`

func (in *inspector) castRow(rows pgx.Rows) error {
	var (
		c               engines.Cast
		fn, method, ctx string
		oid             uint32
	)
	if err := rows.Scan(&c.Source, &c.Target, &fn, &method, &ctx, &oid); err != nil {
		return err
	}
	if in.ownedByExtension(classCast, oid) {
		return nil
	}
	c.Function = unqualifiedRoutine(fn)
	c.Inout = method == "i"
	c.Context = map[string]string{"a": "ASSIGNMENT", "i": "IMPLICIT"}[ctx]
	c.Comment = in.comment(classCast, oid, 0)
	in.db.Casts = append(in.db.Casts, &c)
	return nil
}

func castObject(c *engines.Cast) string { return "CAST (" + c.Key() + ")" }

func createCastSQL(c *engines.Cast) string {
	sql := "CREATE " + castObject(c)
	switch {
	case c.Function != "":
		sql += " WITH FUNCTION " + c.Function
	case c.Inout:
		sql += " WITH INOUT"
	default:
		sql += " WITHOUT FUNCTION"
	}
	if c.Context != "" {
		sql += " AS " + c.Context
	}
	return sql
}

func dumpCasts(db *engines.Database) []string {
	var out []string
	for _, c := range sortedBy(db.Casts, (*engines.Cast).Key) {
		out = append(out, createCastSQL(c))
		if c.Comment != "" {
			out = append(out, commentSQL(castObject(c), c.Comment))
		}
	}
	return out
}

func diffCasts(tgt, src *engines.Database, emit func(*engines.Change)) {
	for _, c := range diffByName(nil, engines.Change{Kind: engines.KindCast}, tgt.Casts, src.Casts,
		func(c *engines.Cast) (string, string) { return c.Key(), c.Comment },
		func(a, b *engines.Cast) bool {
			return a.Function == b.Function && a.Inout == b.Inout && a.Context == b.Context
		}) {
		emit(c)
	}
}

// emitCast plans a cast change.
func (pl *planner) emitCast(c *engines.Change) {
	obj := c.Object()
	if c.Op == engines.Drop || c.Op == engines.Replace {
		phase := phDropTables // before the function it calls goes
		if c.Op == engines.Replace {
			phase = phDropReplaced
		}
		pl.add(phase, obj, "DROP "+castObject(c.From.(*engines.Cast)))
	}
	to, _ := c.To.(*engines.Cast)
	if to == nil {
		return
	}
	if c.Op == engines.Alter {
		pl.comment(obj, castObject(to), to.Comment)
		return
	}
	ps := pl.add(phFunctionsEarly, obj, createCastSQL(to))
	if name, _, ok := strings.Cut(to.Function, "("); ok {
		for _, ref := range scanNames(name) {
			ref.call = true
			for _, f := range pl.src.resolve(ref) {
				ps.deps = append(ps.deps, "func:"+f)
			}
		}
	}
	if to.Comment != "" {
		pl.comment(obj, castObject(to), to.Comment)
	}
}
