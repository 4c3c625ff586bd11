package postgres

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Aggregates are modelled as functions (they share pg_proc, so their names
// and signatures with functions) whose Options hold the clauses of CREATE
// AGGREGATE. The server has no pg_get_aggregatedef(): inspection prints a
// CREATE AGGREGATE from pg_aggregate and it is read by the same code as a
// file's statement, so both sides compare clause by clause.

// aggregateClauses are the clauses of CREATE AGGREGATE in the order the
// definition prints them, with how each value is written.
var aggregateClauses = []struct {
	name string
	kind aggClauseKind
}{
	{"sfunc", aggFunc}, {"stype", aggType}, {"sspace", aggNumber},
	{"finalfunc", aggFunc}, {"finalfunc_extra", aggFlag}, {"finalfunc_modify", aggKeyword},
	{"combinefunc", aggFunc}, {"serialfunc", aggFunc}, {"deserialfunc", aggFunc},
	{"initcond", aggLiteral},
	{"msfunc", aggFunc}, {"minvfunc", aggFunc}, {"mstype", aggType}, {"msspace", aggNumber},
	{"mfinalfunc", aggFunc}, {"mfinalfunc_extra", aggFlag}, {"mfinalfunc_modify", aggKeyword},
	{"minitcond", aggLiteral},
	{"sortop", aggOperator}, {"parallel", aggKeyword}, {"hypothetical", aggFlag},
}

type aggClauseKind int

const (
	aggFunc aggClauseKind = iota
	aggType
	aggNumber
	aggFlag
	aggKeyword
	aggLiteral
	aggOperator
)

// aggregateSupportRefs names, as calls, the functions an aggregate's
// clauses name: they are created before it and dropped after it. None for
// other routines.
func aggregateSupportRefs(f *engines.Function) []nameRef {
	if !f.Aggregate {
		return nil
	}
	var out []nameRef
	for _, c := range aggregateClauses {
		if c.kind != aggFunc || f.Options[c.name] == "" {
			continue
		}
		for _, ref := range scanNames(f.Options[c.name]) {
			ref.call = true
			out = append(out, ref)
		}
	}
	return out
}

// buildAggregate turns a parsed CREATE AGGREGATE (a file's or the one
// inspection prints) into the model.
func buildAggregate(ds *pg_query.DefineStmt) (*engines.Function, error) {
	schema, name := nameListSchema(stringList(ds.Defnames))
	f := &engines.Function{Schema: schema, Name: name, Aggregate: true, Options: map[string]string{}}
	where := func() string { return "aggregate " + schema + "." + name }

	// Arguments: the identity list (types, with ORDER BY for an
	// ordered-set aggregate, or * for none) and the full list for the text.
	var idArgs, fullArgs []string
	direct := -1
	ordered := false
	if ds.Oldstyle {
		if t := oldStyleBaseType(ds); t != nil {
			typ := routineType(t)
			idArgs, fullArgs = []string{typ}, []string{typ}
		}
	} else if len(ds.Args) == 2 {
		if n := ds.Args[1].GetInteger(); n != nil {
			direct = int(n.Ival)
			ordered = direct >= 0
		}
		for _, pn := range ds.Args[0].GetList().GetItems() {
			fp := pn.GetFunctionParameter()
			if fp == nil {
				continue
			}
			typ := routineType(fp.ArgType)
			full := typ
			if fp.Name != "" {
				full = quoteIdent(fp.Name) + " " + typ
			}
			if fp.Mode == pg_query.FunctionParameterMode_FUNC_PARAM_VARIADIC {
				full, typ = "VARIADIC "+full, "VARIADIC "+typ
			}
			idArgs, fullArgs = append(idArgs, typ), append(fullArgs, full)
		}
		if ordered && direct == len(idArgs) && direct > 0 && strings.HasPrefix(idArgs[direct-1], "VARIADIC ") {
			// (VARIADIC "any" ORDER BY VARIADIC "any") keeps the ordered
			// argument only as the direct one.
			idArgs, fullArgs = append(idArgs, idArgs[direct-1]), append(fullArgs, fullArgs[direct-1])
		}
	}
	join := func(l []string) string {
		if !ordered || direct > len(l) {
			return strings.Join(l, ", ")
		}
		return strings.TrimSpace(strings.Join(l[:direct], ", ") + " ORDER BY " + strings.Join(l[direct:], ", "))
	}
	idText, full := join(idArgs), join(fullArgs)
	f.Args = idText
	if f.Args == "" {
		f.Args, full = "*", "*"
	}

	for _, o := range ds.Definition {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		key := strings.ToLower(d.Defname)
		switch key {
		case "basetype":
			continue
		case "sfunc1", "stype1", "initcond1": // the old spellings
			key = strings.TrimSuffix(key, "1")
		}
		var kind aggClauseKind
		known := false
		for _, c := range aggregateClauses {
			if c.name == key {
				kind, known = c.kind, true
			}
		}
		if !known {
			return nil, fmt.Errorf("%s: unsupported clause %s", where(), strings.ToUpper(d.Defname))
		}
		var v string
		switch kind {
		case aggFunc:
			tn := d.Arg.GetTypeName()
			if tn == nil {
				return nil, fmt.Errorf("%s: %s names no function", where(), strings.ToUpper(key))
			}
			v = aggFuncName(stringList(tn.Names))
		case aggType:
			tn := d.Arg.GetTypeName()
			if tn == nil {
				return nil, fmt.Errorf("%s: %s names no type", where(), strings.ToUpper(key))
			}
			v = formatType(tn)
		case aggNumber:
			v = defElemString(d)
			if numEqual(v, "0") {
				v = ""
			}
		case aggFlag:
			if defElemBool(d) {
				v = "true"
			}
		case aggKeyword:
			v = strings.ToLower(defElemString(d))
		case aggLiteral:
			v = defElemString(d)
			if d.Arg.GetTypeName() != nil { // a bare word
				v = strings.Join(stringList(d.Arg.GetTypeName().Names), ".")
			}
		case aggOperator:
			v = aggOperatorName(stringList(d.Arg.GetList().GetItems()))
		}
		if v != "" {
			f.Options[key] = v
		}
	}
	if f.Options["sfunc"] == "" || f.Options["stype"] == "" {
		return nil, fmt.Errorf("%s: SFUNC and STYPE are required", where())
	}
	// Defaults the server fills in compare as absent.
	hypothetical := f.Options["hypothetical"] != ""
	if m := f.Options["finalfunc_modify"]; (m == "read_only" && !ordered && !hypothetical) || (m == "read_write" && (ordered || hypothetical)) {
		delete(f.Options, "finalfunc_modify")
	}
	if f.Options["mfinalfunc_modify"] == "read_only" || f.Options["msfunc"] == "" {
		delete(f.Options, "mfinalfunc_modify")
	}
	if f.Options["parallel"] == "unsafe" {
		delete(f.Options, "parallel")
	}
	f.Definition = aggregateDefinition(f, full)
	return f, nil
}

// aggFuncName prints a support function's name without a public or
// pg_catalog qualifier, as calls in expressions compare (regproc prints
// public's functions qualified, files mostly do not).
func aggFuncName(names []string) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return quoteIdent(names[0])
	case names[len(names)-2] == "pg_catalog" || names[len(names)-2] == "public":
		return quoteIdent(names[len(names)-1])
	}
	return qualify(names[len(names)-2], names[len(names)-1])
}

// aggOperatorName prints a sort operator: bare when built in.
func aggOperatorName(names []string) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return names[0]
	case names[len(names)-2] == "pg_catalog":
		return names[len(names)-1]
	}
	return "OPERATOR(" + quoteIdent(names[len(names)-2]) + "." + names[len(names)-1] + ")"
}

// aggregateDefinition prints the canonical CREATE OR REPLACE AGGREGATE.
func aggregateDefinition(f *engines.Function, args string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE OR REPLACE AGGREGATE %s(%s) (", qualify(f.Schema, f.Name), args)
	first := true
	for _, c := range aggregateClauses {
		v := f.Options[c.name]
		if v == "" {
			continue
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		b.WriteString("\n    " + strings.ToUpper(c.name))
		switch c.kind {
		case aggFlag:
		case aggKeyword:
			b.WriteString(" = " + strings.ToUpper(v))
		case aggLiteral:
			b.WriteString(" = " + quoteLiteral(v))
		default:
			b.WriteString(" = " + v)
		}
	}
	b.WriteString("\n)")
	return b.String()
}

// parseAggregateDef reads the CREATE AGGREGATE inspection prints.
func parseAggregateDef(def string) (*engines.Function, error) {
	n, err := parseOne(def)
	if err != nil {
		return nil, err
	}
	ds := n.GetDefineStmt()
	if ds == nil || ds.Kind != pg_query.ObjectType_OBJECT_AGGREGATE {
		return nil, fmt.Errorf("not an aggregate definition: %q", def)
	}
	return buildAggregate(ds)
}

// oldStyleBaseType is the BASETYPE of an old-style CREATE AGGREGATE; nil
// for "any" (an aggregate over *) or none.
func oldStyleBaseType(ds *pg_query.DefineStmt) *pg_query.TypeName {
	for _, o := range ds.Definition {
		if d := o.GetDefElem(); d != nil && strings.EqualFold(d.Defname, "basetype") {
			if t := d.Arg.GetTypeName(); t != nil && !strings.EqualFold(typeBaseName(t), "any") {
				return t
			}
		}
	}
	return nil
}

// aggregateArgTypes lists the argument types of a CREATE AGGREGATE the
// way DROP AGGREGATE's ObjectWithArgs holds them (direct and aggregated
// arguments together; none for *), for the keys of drop resolution.
func aggregateArgTypes(ds *pg_query.DefineStmt) []string {
	if ds.Oldstyle {
		if t := oldStyleBaseType(ds); t != nil {
			return []string{formatType(t)}
		}
		return nil
	}
	if len(ds.Args) > 0 {
		return inputArgTypes(ds.Args[0].GetList().GetItems())
	}
	return nil
}

func (p *parser) createAggregate(s stmtAt, ds *pg_query.DefineStmt) error {
	f, err := buildAggregate(ds)
	if err != nil {
		return err
	}
	return p.addFunction(s, f)
}

// aggregateTypeList turns an aggregate's identity arguments into the plain
// type list other statements name it by (COMMENT ON AGGREGATE a(float8,
// anyelement) for a(double precision ORDER BY anyelement); none for *).
func aggregateTypeList(args string) string {
	if args == "*" {
		return ""
	}
	args = strings.ReplaceAll(args, "VARIADIC ", "")
	args = strings.TrimPrefix(args, "ORDER BY ")
	return strings.ReplaceAll(args, " ORDER BY ", ", ")
}

// aggregateResultChanges reports whether an aggregate's change may change
// what CREATE OR REPLACE AGGREGATE cannot: its result type (set by the
// state type or the final function) or its kind.
func aggregateResultChanges(from, to *engines.Function) bool {
	if !from.Aggregate || !to.Aggregate {
		return false
	}
	for _, k := range []string{"stype", "finalfunc", "hypothetical"} {
		if from.Options[k] != to.Options[k] {
			return true
		}
	}
	return strings.Contains(from.Args, "ORDER BY") != strings.Contains(to.Args, "ORDER BY")
}

// aggregateDependents plans as created again the aggregates the plan keeps
// whose support functions it drops and creates again: the server refuses
// to drop a function an aggregate uses. Views calling them follow.
func (p *planner) aggregateDependents(changes []*engines.Change, viewStart map[string]bool) []*engines.Change {
	if len(p.funcsReplaced) == 0 {
		return changes
	}
	touched := changedFunctions(changes)
	for _, k := range slices.Sorted(maps.Keys(p.tgt.funcs)) {
		f, to := p.tgt.funcs[k], p.src.funcs[k]
		if !f.Aggregate || to == nil || touched[k] {
			continue
		}
		for _, ref := range aggregateSupportRefs(f) {
			if slices.ContainsFunc(p.tgt.resolve(ref), func(r string) bool { return p.funcsReplaced[r] }) {
				changes = append(changes, &engines.Change{Op: engines.Replace, Kind: engines.KindAggregate, Schema: f.Schema,
					Name: f.Signature(), From: f, To: to, Fields: []string{"it uses a function that is dropped and created again"}})
				fk := key(f.Schema, f.Name)
				p.funcsReplaced[fk], viewStart[fk] = true, true
				break
			}
		}
	}
	return changes
}
