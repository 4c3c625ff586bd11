package postgres

import (
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Schema files describe the database that running them top to bottom on an
// empty database leaves, as migration-style files and pg_dump --clean
// output are written. The parser applies most statements in passes, out of
// order, so DROP statements are resolved first, in file order: a DROP
// removes the statements before it that define the object, and those that
// belong to it (a table's indexes, triggers, policies, ALTERs and
// comments); a DROP of an object no earlier statement defines (DROP TABLE
// IF EXISTS t before CREATE TABLE t), or of a kind the model does not
// hold (DROP OPERATOR), changes nothing. DROP SCHEMA of a schema the files
// define removes it when the files have dropped its objects before, and
// with CASCADE removes its objects too; else it is refused, as the server
// would refuse it.

// objectKeys says which object a statement defines (key) and which object
// it belongs to (parent), both as "kind:schema.name"; "" when none.
// Unqualified names are in "public" (qualifyDefaults has put another
// default schema in already).
func objectKeys(n *pg_query.Node) (key, parent string) {
	rel := func(rv *pg_query.RangeVar) string {
		schema, name := rangeVarName(rv)
		return "rel:" + schema + "." + name
	}
	switch x := n.Node.(type) {
	case *pg_query.Node_CreateStmt:
		return rel(x.CreateStmt.Relation), ""
	case *pg_query.Node_CreateForeignTableStmt:
		return rel(x.CreateForeignTableStmt.GetBaseStmt().GetRelation()), ""
	case *pg_query.Node_ViewStmt:
		return rel(x.ViewStmt.View), ""
	case *pg_query.Node_CreateTableAsStmt:
		return rel(x.CreateTableAsStmt.GetInto().GetRel()), ""
	case *pg_query.Node_CreateSeqStmt:
		return rel(x.CreateSeqStmt.Sequence), ""
	case *pg_query.Node_AlterSeqStmt:
		return "", rel(x.AlterSeqStmt.Sequence)
	case *pg_query.Node_IndexStmt:
		schema, _ := rangeVarName(x.IndexStmt.Relation)
		if x.IndexStmt.Idxname != "" {
			key = "rel:" + schema + "." + x.IndexStmt.Idxname
		}
		return key, rel(x.IndexStmt.Relation)
	case *pg_query.Node_AlterTableStmt:
		return "", rel(x.AlterTableStmt.Relation)
	case *pg_query.Node_CreateTrigStmt:
		t := x.CreateTrigStmt
		return memberKey("trigger", t.Relation, t.Trigname), rel(t.Relation)
	case *pg_query.Node_CreatePolicyStmt:
		t := x.CreatePolicyStmt
		return memberKey("policy", t.Table, t.PolicyName), rel(t.Table)
	case *pg_query.Node_AlterPolicyStmt:
		return "", memberKey("policy", x.AlterPolicyStmt.Table, x.AlterPolicyStmt.PolicyName)
	case *pg_query.Node_CreateCastStmt:
		return "cast:" + castKey(x.CreateCastStmt.Sourcetype, x.CreateCastStmt.Targettype), ""
	case *pg_query.Node_RuleStmt:
		return memberKey("rule", x.RuleStmt.Relation, x.RuleStmt.Rulename), rel(x.RuleStmt.Relation)
	case *pg_query.Node_CreateStatsStmt:
		if len(x.CreateStatsStmt.Defnames) > 0 {
			key = statisticsKey(x.CreateStatsStmt.Defnames)
		}
		if len(x.CreateStatsStmt.Relations) == 1 {
			parent = rel(x.CreateStatsStmt.Relations[0].GetRangeVar())
		}
		return key, parent
	case *pg_query.Node_AlterStatsStmt:
		return "", statisticsKey(x.AlterStatsStmt.Defnames)
	case *pg_query.Node_CreateFunctionStmt:
		return funcKey(x.CreateFunctionStmt.Funcname, inputArgTypes(x.CreateFunctionStmt.Parameters)), ""
	case *pg_query.Node_DefineStmt:
		switch x.DefineStmt.Kind {
		case pg_query.ObjectType_OBJECT_AGGREGATE:
			return funcKey(x.DefineStmt.Defnames, aggregateArgTypes(x.DefineStmt)), ""
		case pg_query.ObjectType_OBJECT_COLLATION:
			schema, name := nameListSchema(stringList(x.DefineStmt.Defnames))
			return "collation:" + schema + "." + name, ""
		case pg_query.ObjectType_OBJECT_OPERATOR:
			schema, name := nameListSchema(stringList(x.DefineStmt.Defnames))
			o := &engines.Operator{Name: name}
			for _, item := range x.DefineStmt.Definition {
				switch d := item.GetDefElem(); strings.ToLower(d.GetDefname()) {
				case "leftarg":
					o.Left = formatType(d.GetArg().GetTypeName())
				case "rightarg":
					o.Right = formatType(d.GetArg().GetTypeName())
				}
			}
			return "operator:" + schema + "." + o.Key(), ""
		case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
			schema, name := nameListSchema(stringList(x.DefineStmt.Defnames))
			return "tsconfig:" + schema + "." + name, ""
		case pg_query.ObjectType_OBJECT_TSDICTIONARY:
			schema, name := nameListSchema(stringList(x.DefineStmt.Defnames))
			return "tsdict:" + schema + "." + name, ""
		}
	case *pg_query.Node_AlterTsdictionaryStmt:
		schema, name := nameListSchema(stringList(x.AlterTsdictionaryStmt.Dictname))
		return "", "tsdict:" + schema + "." + name
	case *pg_query.Node_AlterOperatorStmt:
		return "", operatorKey(x.AlterOperatorStmt.Opername)
	case *pg_query.Node_AlterTsconfigurationStmt:
		schema, name := nameListSchema(stringList(x.AlterTsconfigurationStmt.Cfgname))
		return "", "tsconfig:" + schema + "." + name
	case *pg_query.Node_CreateEnumStmt:
		return typeKey(x.CreateEnumStmt.TypeName), ""
	case *pg_query.Node_AlterEnumStmt:
		return "", typeKey(x.AlterEnumStmt.TypeName)
	case *pg_query.Node_CreateDomainStmt:
		return typeKey(x.CreateDomainStmt.Domainname), ""
	case *pg_query.Node_CreateRangeStmt:
		return typeKey(x.CreateRangeStmt.TypeName), ""
	case *pg_query.Node_CompositeTypeStmt:
		schema, name := rangeVarName(x.CompositeTypeStmt.Typevar)
		return "type:" + schema + "." + name, ""
	case *pg_query.Node_CreateSchemaStmt:
		return "schema:" + x.CreateSchemaStmt.Schemaname, ""
	case *pg_query.Node_CreateEventTrigStmt:
		return "eventtrigger:" + x.CreateEventTrigStmt.Trigname, ""
	case *pg_query.Node_AlterEventTrigStmt:
		return "", "eventtrigger:" + x.AlterEventTrigStmt.Trigname
	case *pg_query.Node_CreatePublicationStmt:
		return "publication:" + x.CreatePublicationStmt.Pubname, ""
	case *pg_query.Node_CreateFdwStmt:
		return "fdw:" + x.CreateFdwStmt.Fdwname, ""
	case *pg_query.Node_AlterFdwStmt:
		return "", "fdw:" + x.AlterFdwStmt.Fdwname
	case *pg_query.Node_CreateForeignServerStmt:
		return "server:" + x.CreateForeignServerStmt.Servername, ""
	case *pg_query.Node_AlterForeignServerStmt:
		return "", "server:" + x.AlterForeignServerStmt.Servername
	case *pg_query.Node_CreateUserMappingStmt:
		return userMappingKey(x.CreateUserMappingStmt.User, x.CreateUserMappingStmt.Servername), ""
	case *pg_query.Node_AlterUserMappingStmt:
		return "", userMappingKey(x.AlterUserMappingStmt.User, x.AlterUserMappingStmt.Servername)
	case *pg_query.Node_AlterPublicationStmt:
		return "", "publication:" + x.AlterPublicationStmt.Pubname
	case *pg_query.Node_CreateExtensionStmt:
		return "extension:" + x.CreateExtensionStmt.Extname, ""
	case *pg_query.Node_CommentStmt:
		return "", commentParent(x.CommentStmt)
	}
	return "", ""
}

func memberKey(kind string, rv *pg_query.RangeVar, name string) string {
	schema, table := rangeVarName(rv)
	return kind + ":" + schema + "." + table + "." + name
}

func statisticsKey(names []*pg_query.Node) string {
	schema, name := nameListSchema(stringList(names))
	return "statistics:" + schema + "." + name
}

func typeKey(names []*pg_query.Node) string {
	schema, name := nameListSchema(stringList(names))
	return "type:" + schema + "." + name
}

// funcKey names a routine by its input argument types, as DROP FUNCTION
// f(integer) does; a DROP without arguments matches every overload.
func funcKey(names []*pg_query.Node, args []string) string {
	schema, name := nameListSchema(stringList(names))
	return "function:" + schema + "." + name + "(" + strings.Join(args, ",") + ")"
}

func inputArgTypes(params []*pg_query.Node) []string {
	var out []string
	for _, pn := range params {
		fp := pn.GetFunctionParameter()
		if fp == nil {
			continue
		}
		switch fp.Mode {
		case pg_query.FunctionParameterMode_FUNC_PARAM_OUT, pg_query.FunctionParameterMode_FUNC_PARAM_TABLE:
			continue
		}
		out = append(out, formatType(fp.ArgType))
	}
	return out
}

// commentParent is the object a COMMENT ON statement belongs to.
func commentParent(cs *pg_query.CommentStmt) string {
	names := stringList(cs.Object.GetList().GetItems())
	switch cs.Objtype {
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
		pg_query.ObjectType_OBJECT_SEQUENCE, pg_query.ObjectType_OBJECT_INDEX:
		schema, name := nameListSchema(names)
		return "rel:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_COLUMN, pg_query.ObjectType_OBJECT_TABCONSTRAINT:
		if len(names) < 2 {
			return ""
		}
		schema, name := nameListSchema(names[:len(names)-1])
		return "rel:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_TRIGGER, pg_query.ObjectType_OBJECT_POLICY, pg_query.ObjectType_OBJECT_RULE:
		if len(names) < 2 {
			return ""
		}
		schema, table := nameListSchema(names[:len(names)-1])
		return strings.ToLower(cs.Objtype.String()[len("OBJECT_"):]) + ":" + schema + "." + table + "." + names[len(names)-1]
	case pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN:
		if tn := cs.Object.GetTypeName(); tn != nil {
			return typeKey(tn.Names)
		}
	case pg_query.ObjectType_OBJECT_SCHEMA:
		return "schema:" + cs.Object.GetString_().GetSval()
	case pg_query.ObjectType_OBJECT_EVENT_TRIGGER:
		return "eventtrigger:" + cs.Object.GetString_().GetSval()
	case pg_query.ObjectType_OBJECT_COLLATION:
		schema, name := nameListSchema(names)
		return "collation:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_STATISTIC_EXT:
		schema, name := nameListSchema(names)
		return "statistics:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_OPERATOR:
		return operatorKey(cs.Object.GetObjectWithArgs())
	case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
		schema, name := nameListSchema(names)
		return "tsconfig:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_TSDICTIONARY:
		schema, name := nameListSchema(names)
		return "tsdict:" + schema + "." + name
	case pg_query.ObjectType_OBJECT_CAST:
		return castListKey(cs.Object)
	case pg_query.ObjectType_OBJECT_PUBLICATION:
		return "publication:" + cs.Object.GetString_().GetSval()
	case pg_query.ObjectType_OBJECT_FDW:
		return "fdw:" + cs.Object.GetString_().GetSval()
	case pg_query.ObjectType_OBJECT_FOREIGN_SERVER:
		return "server:" + cs.Object.GetString_().GetSval()
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
		pg_query.ObjectType_OBJECT_AGGREGATE:
		if owa := cs.Object.GetObjectWithArgs(); owa != nil {
			return owaKey(owa)
		}
	}
	return ""
}

// owaKey is the key of a routine named with its arguments; without them
// it ends in "(*" and names every overload.
func owaKey(owa *pg_query.ObjectWithArgs) string {
	if owa.ArgsUnspecified {
		return strings.TrimSuffix(funcKey(owa.Objname, nil), ")") + "*"
	}
	args := make([]string, 0, len(owa.Objargs))
	for _, a := range owa.Objargs {
		args = append(args, formatType(a.GetTypeName()))
	}
	return funcKey(owa.Objname, args)
}

// dropKeys returns the keys of the objects a DROP statement names; none
// for kinds of object the model does not hold.
func dropKeys(ds *pg_query.DropStmt) ([]string, error) {
	var keys []string
	for _, o := range ds.Objects {
		names := stringList(o.GetList().GetItems())
		switch ds.RemoveType {
		case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW, pg_query.ObjectType_OBJECT_MATVIEW,
			pg_query.ObjectType_OBJECT_SEQUENCE, pg_query.ObjectType_OBJECT_INDEX, pg_query.ObjectType_OBJECT_FOREIGN_TABLE:
			schema, name := nameListSchema(names)
			keys = append(keys, "rel:"+schema+"."+name)
		case pg_query.ObjectType_OBJECT_TRIGGER, pg_query.ObjectType_OBJECT_POLICY, pg_query.ObjectType_OBJECT_RULE:
			if len(names) < 2 {
				return nil, fmt.Errorf("DROP %s without ON table", dropKind(ds))
			}
			schema, table := nameListSchema(names[:len(names)-1])
			keys = append(keys, strings.ToLower(dropKind(ds))+":"+schema+"."+table+"."+names[len(names)-1])
		case pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN:
			keys = append(keys, typeKey(o.GetTypeName().GetNames()))
		case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE,
			pg_query.ObjectType_OBJECT_AGGREGATE:
			keys = append(keys, owaKey(o.GetObjectWithArgs()))
		case pg_query.ObjectType_OBJECT_SCHEMA:
			schema := o.GetString_().GetSval()
			if ds.Behavior == pg_query.DropBehavior_DROP_CASCADE {
				// Its objects first, so that the schema is empty when it goes.
				for _, kind := range schemaObjectKinds {
					keys = append(keys, kind+schema+".*")
				}
			}
			keys = append(keys, "schema:"+schema)
		case pg_query.ObjectType_OBJECT_EXTENSION:
			keys = append(keys, "extension:"+o.GetString_().GetSval())
		case pg_query.ObjectType_OBJECT_EVENT_TRIGGER:
			keys = append(keys, "eventtrigger:"+o.GetString_().GetSval())
		case pg_query.ObjectType_OBJECT_COLLATION:
			schema, name := nameListSchema(names)
			keys = append(keys, "collation:"+schema+"."+name)
		case pg_query.ObjectType_OBJECT_STATISTIC_EXT:
			schema, name := nameListSchema(names)
			keys = append(keys, "statistics:"+schema+"."+name)
		case pg_query.ObjectType_OBJECT_OPERATOR:
			keys = append(keys, operatorKey(o.GetObjectWithArgs()))
		case pg_query.ObjectType_OBJECT_TSCONFIGURATION:
			schema, name := nameListSchema(names)
			keys = append(keys, "tsconfig:"+schema+"."+name)
		case pg_query.ObjectType_OBJECT_TSDICTIONARY:
			schema, name := nameListSchema(names)
			keys = append(keys, "tsdict:"+schema+"."+name)
		case pg_query.ObjectType_OBJECT_CAST:
			keys = append(keys, castListKey(o))
		case pg_query.ObjectType_OBJECT_PUBLICATION:
			keys = append(keys, "publication:"+o.GetString_().GetSval())
		case pg_query.ObjectType_OBJECT_FDW:
			keys = append(keys, "fdw:"+o.GetString_().GetSval())
		case pg_query.ObjectType_OBJECT_FOREIGN_SERVER:
			keys = append(keys, "server:"+o.GetString_().GetSval())
		default:
			// The model holds no such objects (a CREATE OPERATOR is refused
			// or skipped), so there is nothing to remove.
			return nil, nil
		}
	}
	return keys, nil
}

// schemaObjectKinds are the key prefixes of the objects a schema holds
// (a table's members go with their table).
var schemaObjectKinds = []string{"rel:", "type:", "function:", "collation:", "statistics:", "operator:", "tsconfig:", "tsdict:"}

// dropKind names the kind of object of a DROP statement: "TABLE".
func dropKind(ds *pg_query.DropStmt) string {
	k := strings.TrimPrefix(ds.RemoveType.String(), "OBJECT_")
	if k == "MATVIEW" {
		return "MATERIALIZED VIEW"
	}
	return k
}

// applyDrops resolves the DROP statements in file order (see above) and
// returns the statements left to apply.
func (p *parser) applyDrops(stmts []stmtAt) ([]stmtAt, error) {
	sites := make([]engines.DropSite, len(stmts))
	hasDrop := false
	for i, s := range stmts {
		if dm := s.node.GetDropUserMappingStmt(); dm != nil {
			hasDrop = true
			sites[i] = engines.DropSite{IsDrop: true, Drops: []string{userMappingKey(dm.User, dm.Servername)}}
			continue
		}
		ds := s.node.GetDropStmt()
		if ds == nil {
			sites[i].Key, sites[i].Parent = objectKeys(s.node)
			continue
		}
		hasDrop = true
		keys, err := dropKeys(ds)
		if err != nil {
			return nil, &engines.StatementError{File: s.file, Line: s.line, Statement: s.text, Err: err}
		}
		sites[i] = engines.DropSite{IsDrop: true, Drops: keys}
	}
	if !hasDrop {
		return stmts, nil
	}
	gone, err := engines.ResolveDrops(sites, func(drop int, key string, def int, alive func(string) bool) error {
		schema, ok := strings.CutPrefix(key, "schema:")
		if !ok {
			return nil
		}
		for _, kind := range schemaObjectKinds {
			if alive(kind + schema + ".") {
				s := stmts[drop]
				return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text,
					Err: fmt.Errorf("DROP SCHEMA %s: the files still define objects in it (created at %s and after); the server would refuse it without CASCADE",
						schema, stmts[def].where())}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	kept := stmts[:0:0]
	for i, s := range stmts {
		if !gone[i] {
			kept = append(kept, s)
		}
	}
	return kept, nil
}

// applyReplaces leaves out a definition that a later CREATE OR REPLACE of
// the same object (function, procedure, aggregate, view, trigger) replaces,
// as running the files in order would: migration-style files redefine a
// routine or view many times. What belongs to the object (its comment, a
// view's triggers) stays, as the server keeps it.
func applyReplaces(stmts []stmtAt) []stmtAt {
	var last map[string]int // key -> position of its live definition
	var gone map[int]bool
	for i, s := range stmts {
		if s.node.GetDropStmt() != nil {
			// A DROP ends the definitions before it; applyDrops removes them.
			if ds, err := dropKeys(s.node.GetDropStmt()); err == nil {
				for _, k := range ds {
					delete(last, k)
				}
			}
			continue
		}
		replace := false
		switch x := s.node.Node.(type) {
		case *pg_query.Node_CreateFunctionStmt:
			replace = x.CreateFunctionStmt.Replace
		case *pg_query.Node_ViewStmt:
			replace = x.ViewStmt.Replace
		case *pg_query.Node_CreateTrigStmt:
			replace = x.CreateTrigStmt.Replace
		case *pg_query.Node_RuleStmt:
			replace = x.RuleStmt.Replace
		case *pg_query.Node_DefineStmt:
			replace = x.DefineStmt.Replace && x.DefineStmt.Kind == pg_query.ObjectType_OBJECT_AGGREGATE
		}
		k, _ := objectKeys(s.node)
		if k == "" {
			continue
		}
		if j, ok := last[k]; ok && replace && sameStatementKind(stmts[j].node, s.node) {
			if gone == nil {
				gone = map[int]bool{}
			}
			gone[j] = true
		}
		if last == nil {
			last = map[string]int{}
		}
		last[k] = i
	}
	if gone == nil {
		return stmts
	}
	kept := make([]stmtAt, 0, len(stmts)-len(gone))
	for i, s := range stmts {
		if !gone[i] {
			kept = append(kept, s)
		}
	}
	return kept
}

// sameStatementKind reports whether two statements are of one kind: a
// CREATE OR REPLACE VIEW does not replace a table of that name.
func sameStatementKind(a, b *pg_query.Node) bool {
	return fmt.Sprintf("%T", a.Node) == fmt.Sprintf("%T", b.Node)
}

// dropIndexesOfDroppedColumns leaves out the CREATE INDEX, CREATE
// STATISTICS and COMMENT ON COLUMN statements that an ALTER TABLE ... DROP
// COLUMN later in the files undoes, with the statements that belong to
// what they made (its comment, ALTER STATISTICS): the server drops a
// column's indexes, statistics and comment with it, but all are applied to
// the model in later passes than ALTER TABLE, where dropColumn no longer
// sees them.
func dropIndexesOfDroppedColumns(stmts []stmtAt) []stmtAt {
	// drops[table] lists the dropped columns with their statements' positions.
	type colDrop struct {
		col string
		at  int
	}
	var drops map[string][]colDrop
	for i, s := range stmts {
		at := s.node.GetAlterTableStmt()
		if at == nil || at.Objtype != pg_query.ObjectType_OBJECT_TABLE {
			continue
		}
		schema, name := rangeVarName(at.Relation)
		for _, cn := range at.Cmds {
			if cmd := cn.GetAlterTableCmd(); cmd.GetSubtype() == pg_query.AlterTableType_AT_DropColumn {
				if drops == nil {
					drops = map[string][]colDrop{}
				}
				drops[schema+"."+name] = append(drops[schema+"."+name], colDrop{cmd.Name, i})
			}
		}
	}
	if drops == nil {
		return stmts
	}
	droppedLater := func(table, col string, i int) bool {
		for _, d := range drops[table] {
			if d.at > i && d.col == col {
				return true
			}
		}
		return false
	}
	kept := stmts[:0:0]
	var undone map[string]bool // keys of the objects left out
	for i, s := range stmts {
		if undone != nil {
			if _, parent := objectKeys(s.node); undone[parent] {
				continue
			}
		}
		if cs := s.node.GetCommentStmt(); cs != nil && cs.Objtype == pg_query.ObjectType_OBJECT_COLUMN {
			names := stringList(cs.Object.GetList().GetItems())
			if len(names) >= 2 {
				schema, table := nameListSchema(names[:len(names)-1])
				if droppedLater(schema+"."+table, names[len(names)-1], i) {
					continue
				}
			}
		}
		var rel *pg_query.RangeVar
		var parts [][]*pg_query.Node
		if is := s.node.GetIndexStmt(); is != nil {
			rel, parts = is.Relation, [][]*pg_query.Node{is.IndexParams, is.IndexIncludingParams, {is.WhereClause}}
		} else if cs := s.node.GetCreateStatsStmt(); cs != nil && len(cs.Relations) == 1 {
			rel, parts = cs.Relations[0].GetRangeVar(), [][]*pg_query.Node{cs.Exprs}
		}
		if rel == nil {
			kept = append(kept, s)
			continue
		}
		schema, name := rangeVarName(rel)
		uses := map[string]bool{}
		for _, part := range parts {
			for _, n := range part {
				if n == nil {
					continue
				}
				if e := n.GetIndexElem(); e != nil && e.Name != "" {
					uses[e.Name] = true
				}
				if e := n.GetStatsElem(); e != nil && e.Name != "" {
					uses[e.Name] = true
				}
				walkTree(n, func(m any) bool {
					if cr, ok := m.(*pg_query.ColumnRef); ok && len(cr.Fields) > 0 {
						if sv := cr.Fields[len(cr.Fields)-1].GetString_(); sv != nil {
							uses[sv.Sval] = true
						}
					}
					return true
				})
			}
		}
		gone := false
		for col := range uses {
			gone = gone || droppedLater(schema+"."+name, col, i)
		}
		if !gone {
			kept = append(kept, s)
		} else if key, _ := objectKeys(s.node); key != "" {
			if undone == nil {
				undone = map[string]bool{}
			}
			undone[key] = true
		}
	}
	return kept
}

// userMappingKey names a user mapping for drop resolution.
func userMappingKey(user *pg_query.RoleSpec, server string) string {
	return "usermapping:" + server + " " + mappingUser(user)
}
