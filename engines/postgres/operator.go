package postgres

// Operators (CREATE OPERATOR): parse, inspect, diff, DDL and dump. An
// operator is its name with its argument types; its function, commutator,
// negator and HASHES/MERGES cannot change in place on the servers we
// support (PostgreSQL 17 added some), so a change drops and creates it
// again; RESTRICT and JOIN change with ALTER OPERATOR … SET. Operators are
// made with the functions that table definitions call, before the tables.

import (
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

const classOperator = 2617 // pg_operator

// unqualifiedRoutine drops a public or pg_catalog qualifier from a name.
func unqualifiedRoutine(name string) string {
	for _, p := range []string{"public.", "pg_catalog."} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// ---- parse ----

func (p *parser) createOperator(s stmtAt, ds *pg_query.DefineStmt) error {
	schema, name := nameListSchema(stringList(ds.Defnames))
	o := &engines.Operator{Schema: schema, Name: name}
	opName := func(d *pg_query.DefElem) string {
		l := stringList(d.GetArg().GetList().GetItems())
		if len(l) == 0 {
			return ""
		}
		n := unqualifiedRoutine(strings.Join(l, "."))
		if len(l) == 1 && schema != "public" {
			n = schema + "." + n // made as a shell in the operator's schema when missing
		}
		return n
	}
	for _, item := range ds.Definition {
		d := item.GetDefElem()
		if d == nil {
			continue
		}
		switch strings.ToLower(d.Defname) {
		case "function", "procedure":
			o.Function = aggFuncName(stringList(d.GetArg().GetTypeName().GetNames()))
		case "leftarg":
			o.Left = formatType(d.GetArg().GetTypeName())
		case "rightarg":
			o.Right = formatType(d.GetArg().GetTypeName())
		case "commutator":
			o.Commutator = opName(d)
		case "negator":
			o.Negator = opName(d)
		case "restrict":
			o.Restrict = aggFuncName(stringList(d.GetArg().GetTypeName().GetNames()))
		case "join":
			o.Join = aggFuncName(stringList(d.GetArg().GetTypeName().GetNames()))
		case "hashes":
			o.Hashes = defElemBool(d)
		case "merges":
			o.Merges = defElemBool(d)
		default:
			return fmt.Errorf("operator %s.%s: unsupported option %s", schema, name, d.Defname)
		}
	}
	if o.Function == "" || o.Right == "" {
		return fmt.Errorf("operator %s.%s: FUNCTION and RIGHTARG are required", schema, name)
	}
	if err := p.define(s, "operator", schema+"."+o.Key()); err != nil {
		return err
	}
	sc := p.db.EnsureSchema(schema)
	sc.Operators = append(sc.Operators, o)
	return nil
}

// operatorArgs reads the argument types of an operator named with them
// (COMMENT ON, DROP, ALTER OPERATOR); NONE is "".
func operatorArgs(owa *pg_query.ObjectWithArgs) (left, right string) {
	args := make([]string, 2)
	for i, a := range owa.GetObjargs() {
		if i < 2 && a.GetTypeName() != nil {
			args[i] = formatType(a.GetTypeName())
		}
	}
	return args[0], args[1]
}

func operatorKey(owa *pg_query.ObjectWithArgs) string {
	schema, name := nameListSchema(stringList(owa.GetObjname()))
	left, right := operatorArgs(owa)
	return "operator:" + schema + "." + (&engines.Operator{Name: name, Left: left, Right: right}).Key()
}

func (p *parser) operator(owa *pg_query.ObjectWithArgs) *engines.Operator {
	schema, name := nameListSchema(stringList(owa.GetObjname()))
	left, right := operatorArgs(owa)
	if sc := p.db.Schema(schema); sc != nil {
		for _, o := range sc.Operators {
			if o.Name == name && o.Left == left && o.Right == right {
				return o
			}
		}
	}
	return nil
}

func (p *parser) alterOperator(as *pg_query.AlterOperatorStmt) error {
	o := p.operator(as.Opername)
	if o == nil {
		return fmt.Errorf("ALTER OPERATOR: operator %s is not defined in the schema files", strings.TrimPrefix(operatorKey(as.Opername), "operator:"))
	}
	for _, item := range as.Options {
		d := item.GetDefElem()
		v := ""
		if tn := d.GetArg().GetTypeName(); tn != nil {
			// Printed as regproc prints it, as inspect reads it.
			v = aggFuncName(stringList(tn.GetNames()))
		}
		switch strings.ToLower(d.GetDefname()) {
		case "restrict":
			o.Restrict = v
		case "join":
			o.Join = v
		default:
			return fmt.Errorf("ALTER OPERATOR %s: unsupported option %s", o.Name, d.GetDefname())
		}
	}
	return nil
}

// ---- inspect ----

// The built-in operators' query reads the schema's operators too (see
// qOperators): one catalog read for both.
func (in *inspector) userOperatorRow(oid uint32, schema, name string, left, right, fn, com, neg, rest, join *string, hashes, merges *bool) {
	if in.ownedByExtension(classOperator, oid) || fn == nil {
		return
	}
	str := func(s *string) string {
		if s == nil || *s == "-" {
			return ""
		}
		return unqualifiedRoutine(*s)
	}
	o := &engines.Operator{Schema: schema, Name: name, Left: str(left), Right: str(right), Function: str(fn),
		Commutator: str(com), Negator: str(neg), Restrict: str(rest), Join: str(join),
		Hashes: hashes != nil && *hashes, Merges: merges != nil && *merges}
	if left == nil {
		o.Left = ""
	}
	o.Comment = in.comment(classOperator, oid, 0)
	sc := in.db.EnsureSchema(schema)
	sc.Operators = append(sc.Operators, o)
}

// ---- DDL ----

// qualifyOperator prints schema.op: an operator name is never quoted.
func qualifyOperator(schema, name string) string {
	return quoteIdent(schema) + "." + name
}

func operatorSignature(o *engines.Operator) string {
	left := o.Left
	if left == "" {
		left = "NONE"
	}
	return "OPERATOR " + qualifyOperator(o.Schema, o.Name) + " (" + left + ", " + o.Right + ")"
}

// operatorRef prints a commutator or negator, OPERATOR(op) or
// OPERATOR(s.op): a bare operator after "=" could read as part of it.
func operatorRef(name string) string {
	if s, op, ok := strings.Cut(name, "."); ok && s != "" && !strings.ContainsAny(s, "+-*/<>=~!@#%^&|`?") {
		return "OPERATOR(" + qualifyOperator(s, op) + ")"
	}
	return "OPERATOR(" + name + ")"
}

func createOperatorSQL(o *engines.Operator) string {
	opts := []string{"FUNCTION = " + o.Function}
	if o.Left != "" {
		opts = append(opts, "LEFTARG = "+o.Left)
	}
	opts = append(opts, "RIGHTARG = "+o.Right)
	if o.Commutator != "" {
		opts = append(opts, "COMMUTATOR = "+operatorRef(o.Commutator))
	}
	if o.Negator != "" {
		opts = append(opts, "NEGATOR = "+operatorRef(o.Negator))
	}
	if o.Restrict != "" {
		opts = append(opts, "RESTRICT = "+o.Restrict)
	}
	if o.Join != "" {
		opts = append(opts, "JOIN = "+o.Join)
	}
	if o.Hashes {
		opts = append(opts, "HASHES")
	}
	if o.Merges {
		opts = append(opts, "MERGES")
	}
	return "CREATE OPERATOR " + qualifyOperator(o.Schema, o.Name) + " (" + strings.Join(opts, ", ") + ")"
}

// dumpOperators prints a schema's operators with their comments.
func dumpOperators(s *engines.Schema) []string {
	var out []string
	for _, o := range sortedBy(s.Operators, (*engines.Operator).Key) {
		out = append(out, createOperatorSQL(o))
		if o.Comment != "" {
			out = append(out, commentSQL(operatorSignature(o), o.Comment))
		}
	}
	return out
}

// ---- diff ----

func (pl *planner) diffOperators(emit func(*engines.Change)) {
	operators := func(sc *engines.Schema) []*engines.Operator {
		if sc == nil {
			return nil
		}
		return sc.Operators
	}
	eachByName(pl.tgt.db.Schemas, pl.src.db.Schemas, func(sc *engines.Schema) string { return sc.Name },
		func(schema string, t *engines.Schema, _ bool, s *engines.Schema, _ bool) {
			eachByName(operators(t), operators(s), (*engines.Operator).Key, func(k string, to *engines.Operator, inT bool, so *engines.Operator, inS bool) {
				ch := &engines.Change{Kind: engines.KindOperator, Schema: schema, Name: k}
				switch {
				case !inT:
					ch.Op, ch.To = engines.Add, so
				case !inS:
					ch.Op, ch.From = engines.Drop, to
				default:
					ch.Op, ch.From, ch.To = engines.Alter, to, so
					if to.Function != so.Function || to.Commutator != so.Commutator || to.Negator != so.Negator ||
						to.Hashes != so.Hashes || to.Merges != so.Merges {
						ch.Op, ch.Fields = engines.Replace, []string{"definition"}
					} else if to.Restrict != so.Restrict || to.Join != so.Join {
						ch.Fields = append(ch.Fields, "estimators")
					}
					if to.Comment != so.Comment {
						ch.Fields = append(ch.Fields, "comment")
					}
					if len(ch.Fields) == 0 {
						return
					}
				}
				emit(ch)
			})
		})
}

// emitOperator plans an operator change: made with the early functions
// (after the function it calls), dropped with the tables, before the
// functions go.
func (pl *planner) emitOperator(c *engines.Change) {
	obj := c.Object()
	if c.Op == engines.Drop || c.Op == engines.Replace {
		phase := phDropTables
		if c.Op == engines.Replace {
			phase = phDropReplaced
		}
		pl.add(phase, obj, "DROP "+operatorSignature(c.From.(*engines.Operator)),
			hz(engines.HazardRecreate, "%s is dropped: indexes, constraints and queries using it must not", obj))
	}
	to, _ := c.To.(*engines.Operator)
	if to == nil {
		return
	}
	switch {
	case c.Op == engines.Add || c.Op == engines.Replace:
		ps := pl.add(phFunctionsEarly, obj, createOperatorSQL(to))
		for _, fn := range []string{to.Function, to.Restrict, to.Join} {
			for _, ref := range scanNames(fn) {
				ref.call = true
				for _, f := range pl.src.resolve(ref) {
					ps.deps = append(ps.deps, "func:"+f)
				}
			}
		}
		if to.Comment != "" {
			pl.comment(obj, operatorSignature(to), to.Comment)
		}
	default:
		for _, f := range c.Fields {
			switch f {
			case "estimators":
				opt := func(v string) string {
					if v == "" {
						return "NONE"
					}
					return v
				}
				pl.add(phFunctionsEarly, obj, "ALTER "+operatorSignature(to)+" SET (RESTRICT = "+opt(to.Restrict)+", JOIN = "+opt(to.Join)+")")
			case "comment":
				pl.comment(obj, operatorSignature(to), to.Comment)
			}
		}
	}
}
