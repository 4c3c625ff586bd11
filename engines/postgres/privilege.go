package postgres

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Privileges on relations (tables, views, materialized views, foreign
// tables, sequences) and their columns, on functions and procedures, on
// types and on schemas: GRANT and REVOKE in the files (also ON ALL … IN SCHEMA, on
// what the files define before it, as a script run in their order would),
// aclexplode() of the ACLs on the server. The owner's own privileges are
// implicit and left out on both sides, so that what the model holds is
// what someone else may do. A routine's ACL starts as the server's
// default, EXECUTE for PUBLIC, which the model holds as a grant: REVOKE …
// FROM PUBLIC takes it away; so does a type's, USAGE for PUBLIC. The
// public schema's privileges, which initdb sets differently by version,
// are managed once the files name them (from PostgreSQL 15's); those on
// aggregates are not (warned about).

// allPrivileges is what ALL means, by object (PostgreSQL 15: 17 adds
// MAINTAIN to tables).
var allPrivileges = map[pg_query.ObjectType][]string{
	pg_query.ObjectType_OBJECT_TABLE:     {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"},
	pg_query.ObjectType_OBJECT_SEQUENCE:  {"USAGE", "SELECT", "UPDATE"},
	pg_query.ObjectType_OBJECT_FUNCTION:  {"EXECUTE"},
	pg_query.ObjectType_OBJECT_PROCEDURE: {"EXECUTE"},
	pg_query.ObjectType_OBJECT_ROUTINE:   {"EXECUTE"},
	pg_query.ObjectType_OBJECT_SCHEMA:    {"USAGE", "CREATE"},
	pg_query.ObjectType_OBJECT_TYPE:      {"USAGE"},
	pg_query.ObjectType_OBJECT_DOMAIN:    {"USAGE"},
}

// optPrivileges, a Schema option, marks the public schema whose
// privileges the files name: only those are managed (initdb sets them,
// differently by version).
const optPrivileges = "privileges"

// optOwner, a Schema option, is the inspected public schema's owner.
const optOwner = "owner"

// publicSchemaDefaults is what initdb grants on the public schema beside
// its owner (PostgreSQL 15: USAGE for PUBLIC; before, CREATE too).
func publicSchemaDefaults() []*engines.Grant {
	return []*engines.Grant{{Grantee: "PUBLIC", Privilege: "USAGE"}}
}

// setPGOption sets an option in a map that may be nil.
func setPGOption(m *map[string]string, k, v string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[k] = v
}

// routineDefaultGrants is the ACL a new function or procedure gets,
// beside its owner's: PUBLIC may execute it.
func routineDefaultGrants() []*engines.Grant {
	return []*engines.Grant{{Grantee: "PUBLIC", Privilege: "EXECUTE"}}
}

// grantTarget is an object a GRANT or REVOKE names: the list its grants
// are kept in, and the columns a column privilege may name (nil: none).
type grantTarget struct {
	name  string
	list  *[]*engines.Grant
	cols  []*engines.Column
	isRel bool
}

// grantTargets resolves the objects of a GRANT or REVOKE. ok is false when
// the statement is about objects the model keeps no privileges of (it is
// then warned about).
func (p *parser) grantTargets(s stmtAt, verb string, gs *pg_query.GrantStmt) (targets []grantTarget, ok bool, err error) {
	if _, known := allPrivileges[gs.Objtype]; !known {
		return nil, false, nil
	}
	routine := gs.Objtype == pg_query.ObjectType_OBJECT_FUNCTION || gs.Objtype == pg_query.ObjectType_OBJECT_PROCEDURE ||
		gs.Objtype == pg_query.ObjectType_OBJECT_ROUTINE
	switch gs.Targtype {
	case pg_query.GrantTargetType_ACL_TARGET_OBJECT:
		for _, o := range gs.Objects {
			if gs.Objtype == pg_query.ObjectType_OBJECT_TYPE || gs.Objtype == pg_query.ObjectType_OBJECT_DOMAIN {
				schema, name := nameListSchema(stringList(o.GetList().GetItems()))
				typ := p.findType(schema, name)
				if typ == nil {
					return nil, false, fmt.Errorf("%s ON TYPE %s.%s: the type is not defined in the schema files", verb, schema, name)
				}
				targets = append(targets, grantTarget{name: schema + "." + name, list: &typ.Grants})
				continue
			}
			if gs.Objtype == pg_query.ObjectType_OBJECT_SCHEMA {
				name := o.GetString_().GetSval()
				sc := p.db.Schema(name)
				if sc == nil {
					return nil, false, fmt.Errorf("%s ON SCHEMA %s: the schema is not defined in the schema files", verb, name)
				}
				if name == "public" && sc.Options[optPrivileges] == "" {
					// initdb made it; its privileges are managed once the
					// files name them, from PostgreSQL 15's.
					sc.Grants = publicSchemaDefaults()
					setPGOption(&sc.Options, optPrivileges, "managed")
				}
				targets = append(targets, grantTarget{name: name, list: &sc.Grants})
				continue
			}
			if routine {
				owa := o.GetObjectWithArgs()
				if owa == nil {
					return nil, false, fmt.Errorf("unexpected object in %s", verb)
				}
				fs, aggregate := p.findRoutines(gs.Objtype, owa)
				schema, name := nameListSchema(stringList(owa.Objname))
				if aggregate {
					return nil, false, nil
				}
				if len(fs) != 1 {
					what := "is not defined in the schema files"
					if len(fs) > 1 {
						what = "names more than one routine: give the argument types"
					}
					return nil, false, fmt.Errorf("%s ON %s %s.%s: the routine %s", verb, strings.TrimPrefix(gs.Objtype.String(), "OBJECT_"), schema, name, what)
				}
				targets = append(targets, grantTarget{name: schema + "." + name, list: &fs[0].Grants})
				continue
			}
			rv := o.GetRangeVar()
			if rv == nil {
				return nil, false, fmt.Errorf("unexpected object in %s", verb)
			}
			schema, name := rangeVarName(rv)
			list, cols := p.grantsOf(gs.Objtype, schema, name)
			if list == nil {
				return nil, false, fmt.Errorf("%s ON %s.%s: the relation is not defined in the schema files", verb, schema, name)
			}
			targets = append(targets, grantTarget{name: schema + "." + name, list: list, cols: cols, isRel: true})
		}
	case pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA:
		// What the files define in the schema before the statement, as
		// the server grants on what exists when it runs.
		for _, o := range gs.Objects {
			schema := o.GetString_().GetSval()
			sc := p.db.Schema(schema)
			if sc == nil {
				return nil, false, fmt.Errorf("%s ON ALL … IN SCHEMA %s: the schema is not defined in the schema files", verb, schema)
			}
			before := func(kind, name string) bool { return p.definedBefore(kind, schema+"."+name, s) }
			switch {
			case gs.Objtype == pg_query.ObjectType_OBJECT_TABLE:
				for _, t := range sc.Tables {
					if before("table", t.Name) {
						targets = append(targets, grantTarget{name: schema + "." + t.Name, list: &t.Grants, cols: t.Columns, isRel: true})
					}
				}
				for _, v := range sc.Views {
					if before("view", v.Name) {
						targets = append(targets, grantTarget{name: schema + "." + v.Name, list: &v.Grants, isRel: true})
					}
				}
			case gs.Objtype == pg_query.ObjectType_OBJECT_SEQUENCE:
				for _, q := range sc.Sequences {
					if before("sequence", q.Name) {
						targets = append(targets, grantTarget{name: schema + "." + q.Name, list: &q.Grants, isRel: true})
					}
				}
			case routine:
				for _, f := range sc.Functions {
					if !f.Aggregate && routineMatches(gs.Objtype, f) && p.definedBefore("function", schema+"."+f.Signature(), s) {
						targets = append(targets, grantTarget{name: schema + "." + f.Name, list: &f.Grants})
					}
				}
			default:
				return nil, false, nil
			}
		}
	default:
		return nil, false, nil
	}
	return targets, true, nil
}

// routineMatches reports whether a GRANT's FUNCTION, PROCEDURE or ROUTINE
// takes the routine.
func routineMatches(objtype pg_query.ObjectType, f *engines.Function) bool {
	switch objtype {
	case pg_query.ObjectType_OBJECT_FUNCTION:
		return !f.Procedure
	case pg_query.ObjectType_OBJECT_PROCEDURE:
		return f.Procedure
	}
	return true
}

// findRoutines finds the routines of the model a statement names with
// their arguments (every overload when it gives none). aggregate is true
// when it names an aggregate, whose privileges are not managed.
func (p *parser) findRoutines(objtype pg_query.ObjectType, owa *pg_query.ObjectWithArgs) (found []*engines.Function, aggregate bool) {
	schema, name := nameListSchema(stringList(owa.Objname))
	args := make([]string, 0, len(owa.Objargs))
	for _, a := range owa.Objargs {
		args = append(args, formatType(a.GetTypeName()))
	}
	sc := p.db.Schema(schema)
	if sc == nil {
		return nil, false
	}
	for _, f := range sc.Functions {
		fargs := f.Args
		if f.Aggregate {
			fargs = aggregateTypeList(f.Args)
		}
		if f.Name != name || !(owa.ArgsUnspecified || fargs == strings.Join(args, ", ")) {
			continue
		}
		if f.Aggregate {
			aggregate = true
			continue
		}
		if routineMatches(objtype, f) {
			found = append(found, f)
		}
	}
	return found, aggregate && len(found) == 0
}

// columnPrivileges are those a column can be granted; ALL (a) means them.
var columnPrivileges = []string{"SELECT", "INSERT", "UPDATE", "REFERENCES"}

// grantsOf is the list of grants of a relation of the model, or nil.
func (p *parser) grantsOf(objtype pg_query.ObjectType, schema, name string) (*[]*engines.Grant, []*engines.Column) {
	if objtype == pg_query.ObjectType_OBJECT_SEQUENCE {
		if s := p.findSequence(schema, name); s != nil {
			return &s.Grants, nil
		}
		return nil, nil
	}
	if t := p.findTable(schema, name); t != nil {
		return &t.Grants, t.Columns
	}
	if v := p.findView(schema, name); v != nil {
		return &v.Grants, nil
	}
	if s := p.findSequence(schema, name); s != nil {
		// GRANT ... ON TABLE takes a sequence too.
		return &s.Grants, nil
	}
	return nil, nil
}

// grant applies GRANT or REVOKE on relations to the model. Other targets
// are warned about and left alone.
func (p *parser) grant(s stmtAt, gs *pg_query.GrantStmt) error {
	verb := "REVOKE"
	if gs.IsGrant {
		verb = "GRANT"
	}
	all := allPrivileges[gs.Objtype]
	targets, ok, err := p.grantTargets(s, verb, gs)
	if err != nil {
		return err
	}
	if !ok || len(all) == 0 {
		what := strings.ReplaceAll(strings.TrimPrefix(gs.Objtype.String(), "OBJECT_"), "_", " ")
		if gs.Targtype == pg_query.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA {
			what = "ALL " + what + "S IN SCHEMA"
		}
		p.warn(fmt.Sprintf("%s: privileges are managed on tables, views, sequences, functions, procedures, types and schemas only; ignored %s ON %s", s.where(), verb, what))
		return nil
	}
	grantees, err := granteeNames(verb, gs.Grantees)
	if err != nil {
		return err
	}
	// Each privilege with the columns it is for ("" for the relation).
	type priv struct{ name, column string }
	for _, tg := range targets {
		list, cols := tg.list, tg.cols
		var privs []priv
		if len(gs.Privileges) == 0 {
			for _, pr := range all {
				privs = append(privs, priv{pr, ""})
			}
		}
		for _, n := range gs.Privileges {
			ap := n.GetAccessPriv()
			names := []string{strings.ToUpper(ap.GetPrivName())}
			if ap.GetPrivName() == "" {
				names = columnPrivileges
			}
			if len(ap.Cols) == 0 {
				for _, nm := range names {
					privs = append(privs, priv{nm, ""})
				}
				continue
			}
			for _, c := range ap.Cols {
				col := c.GetString_().GetSval()
				if !tg.isRel || cols != nil && !slices.ContainsFunc(cols, func(x *engines.Column) bool { return x.Name == col }) {
					return fmt.Errorf("%s ON %s: column %s is not defined", verb, tg.name, col)
				}
				for _, nm := range names {
					privs = append(privs, priv{nm, col})
				}
			}
		}
		for _, g := range grantees {
			for _, pr := range privs {
				applyGrant(list, g, pr.name, pr.column, gs.IsGrant, gs.GrantOption)
			}
		}
		sortGrants(*list)
	}
	return nil
}

// granteeNames reads the roles a GRANT or REVOKE names.
func granteeNames(verb string, nodes []*pg_query.Node) ([]string, error) {
	grantees := make([]string, 0, len(nodes))
	for _, n := range nodes {
		rs := n.GetRoleSpec()
		switch rs.GetRoletype() {
		case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
			grantees = append(grantees, "PUBLIC")
		case pg_query.RoleSpecType_ROLESPEC_CSTRING:
			grantees = append(grantees, rs.Rolename)
		default:
			return nil, fmt.Errorf("%w: %s to %s (it depends on who applies the schema; name the role)",
				errUnsupported, verb, strings.TrimPrefix(rs.GetRoletype().String(), "ROLESPEC_"))
		}
	}
	return grantees, nil
}

// applyGrant applies GRANT (isGrant) or REVOKE of one privilege of one
// grantee to a list of grants; option is WITH GRANT OPTION, or for REVOKE,
// GRANT OPTION FOR (the privilege stays).
func applyGrant(list *[]*engines.Grant, grantee, privilege, column string, isGrant, option bool) {
	i := slices.IndexFunc(*list, func(x *engines.Grant) bool {
		return x.Grantee == grantee && x.Privilege == privilege && x.Column == column
	})
	switch {
	case isGrant && i < 0:
		*list = append(*list, &engines.Grant{Grantee: grantee, Privilege: privilege, Column: column, GrantOption: option})
	case isGrant:
		(*list)[i].GrantOption = (*list)[i].GrantOption || option
	case i >= 0 && option:
		(*list)[i].GrantOption = false
	case i >= 0:
		*list = slices.Delete(*list, i, i+1)
	}
	if !isGrant && column == "" && !option {
		// Revoking a relation privilege revokes it on every column too.
		*list = slices.DeleteFunc(*list, func(x *engines.Grant) bool {
			return x.Grantee == grantee && x.Privilege == privilege && x.Column != ""
		})
	}
	sortGrants(*list)
}

// sortGrants puts grants in the model's order.
func sortGrants(gs []*engines.Grant) {
	slices.SortFunc(gs, func(a, b *engines.Grant) int {
		if c := strings.Compare(a.Grantee, b.Grantee); c != 0 {
			return c
		}
		if c := strings.Compare(a.Column, b.Column); c != 0 {
			return c
		}
		return strings.Compare(a.Privilege, b.Privilege)
	})
}

// qPrivileges reads the privileges granted on relations and their columns,
// on functions and procedures (kind F; an ACL never set is the default,
// PUBLIC's EXECUTE), on types (kind T) and on schemas (kind N), to roles
// other than the owner; and the default privileges (kind D and pg_default_acl's
// object type: oid is the schema's, 0 for every schema, the last column
// the entry's role; an entry that grants no one else comes as one row
// without a grantee).
const qPrivileges = `SELECT c.oid, c.relkind::text, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  a.privilege_type, a.is_grantable, ''
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE c.relacl IS NOT NULL AND a.grantee <> c.relowner AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ` + inScope + `
UNION ALL
SELECT c.oid, c.relkind::text, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  a.privilege_type, a.is_grantable, att.attname::text
FROM pg_attribute att
JOIN pg_class c ON c.oid = att.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(att.attacl) a
WHERE att.attacl IS NOT NULL AND NOT att.attisdropped AND a.grantee <> c.relowner
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ` + inScope + `
UNION ALL
SELECT p.oid, 'F', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  a.privilege_type, a.is_grantable, ''
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
WHERE a.grantee <> p.proowner AND p.prokind IN ('f', 'p') AND ` + inScope + `
UNION ALL
SELECT n.oid, 'N', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  a.privilege_type, a.is_grantable, ''
FROM pg_namespace n
CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
WHERE a.grantee <> n.nspowner AND ` + inScope + `
UNION ALL
SELECT t.oid, 'T', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  a.privilege_type, a.is_grantable, ''
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
CROSS JOIN LATERAL aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
WHERE a.grantee <> t.typowner AND (t.typtype IN ('e', 'd', 'r')
    OR t.typtype = 'c' AND (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c')
  AND ` + inScope + `
UNION ALL
SELECT d.defaclnamespace, 'D' || d.defaclobjtype::text,
  CASE WHEN a.grantee IS NULL THEN '' WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END,
  coalesce(a.privilege_type, ''), coalesce(a.is_grantable, false),
  CASE WHEN pg_get_userbyid(d.defaclrole) = current_user THEN '' ELSE pg_get_userbyid(d.defaclrole)::text END
FROM pg_default_acl d
LEFT JOIN LATERAL aclexplode(d.defaclacl) a ON a.grantee <> d.defaclrole`

func (in *inspector) privilegeRow(rows pgx.Rows) error {
	var (
		oid                     uint32
		kind, grantee, priv, co string
		grantable               bool
	)
	if err := rows.Scan(&oid, &kind, &grantee, &priv, &grantable, &co); err != nil {
		return err
	}
	g := &engines.Grant{Grantee: grantee, Privilege: priv, Column: co, GrantOption: grantable}
	switch {
	case strings.HasPrefix(kind, "D"):
		// A default privilege entry; co holds its role.
		in.defaultPrivilegeRow(oid, strings.TrimPrefix(kind, "D"), grantee, priv, grantable, co)
	case kind == "T":
		if typ := in.typesByOID[oid]; typ != nil {
			typ.Grants = append(typ.Grants, g)
		}
	case kind == "N":
		if name, ok := in.schemaNames[oid]; ok {
			sc := in.db.EnsureSchema(name)
			sc.Grants = append(sc.Grants, g)
		}
	case kind == "F":
		// The functions' rows came first, but are attached after the
		// batch: they take their grants then.
		if in.routineGrants == nil {
			in.routineGrants = map[uint32][]*engines.Grant{}
		}
		in.routineGrants[oid] = append(in.routineGrants[oid], g)
	case in.tables[oid] != nil:
		in.tables[oid].Grants = append(in.tables[oid].Grants, g)
	case in.views[oid] != nil:
		in.views[oid].Grants = append(in.views[oid].Grants, g)
	case in.seqs[oid] != nil:
		in.seqs[oid].Grants = append(in.seqs[oid].Grants, g)
	}
	return nil
}

// sortAllGrants puts every relation's grants in the model's order, once
// all rows are read.
func sortAllGrants(db *engines.Database) {
	for _, s := range db.Schemas {
		sortGrants(s.Grants)
		for _, t := range s.Tables {
			sortGrants(t.Grants)
		}
		for _, v := range s.Views {
			sortGrants(v.Grants)
		}
		for _, q := range s.Sequences {
			sortGrants(q.Grants)
		}
		for _, t := range s.Types {
			sortGrants(t.Grants)
		}
	}
}

// grantKey identifies a privilege of a grantee on a relation or column.
type grantKey struct{ grantee, privilege, column string }

// grantMap indexes grants; the value is the grant option.
func grantMap(gs []*engines.Grant) map[grantKey]bool {
	m := make(map[grantKey]bool, len(gs))
	for _, g := range gs {
		m[grantKey{g.Grantee, g.Privilege, g.Column}] = g.GrantOption
	}
	return m
}

// grantsEqual compares two relations' grants.
func grantsEqual(a, b []*engines.Grant) bool {
	if len(a) != len(b) {
		return false
	}
	mb := grantMap(b)
	for _, g := range a {
		opt, ok := mb[grantKey{g.Grantee, g.Privilege, g.Column}]
		if !ok || opt != g.GrantOption {
			return false
		}
	}
	return true
}

// granteeSQL prints a grantee.
func granteeSQL(g string) string {
	if g == "PUBLIC" {
		return g
	}
	return quoteIdent(g)
}

// grantStatements prints the GRANT and REVOKE statements that take a
// relation (keyword TABLE or SEQUENCE, obj its qualified name) from the
// grants from to the grants to: revokes first, then grants, privileges of
// one grantee, grant option and column set together.
func grantStatements(keyword, obj string, from, to []*engines.Grant) (revokes, grants []string) {
	mf, mt := grantMap(from), grantMap(to)
	type group struct {
		grantee string
		option  bool
		column  string
	}
	collect := func(list []*engines.Grant, keep func(g *engines.Grant) (bool, bool)) ([]group, map[group][]string) {
		var order []group
		privs := map[group][]string{}
		for _, g := range list {
			ok, option := keep(g)
			if !ok {
				continue
			}
			k := group{g.Grantee, option, g.Column}
			if _, seen := privs[k]; !seen {
				order = append(order, k)
			}
			privs[k] = append(privs[k], g.Privilege)
		}
		return order, privs
	}
	on := " ON " + keyword
	if obj != "" {
		on += " " + obj // ALTER DEFAULT PRIVILEGES names a kind only
	}
	// list prints "SELECT, INSERT", or "SELECT (c), INSERT (c)" for a column.
	list := func(k group, ps []string) string {
		if k.column == "" {
			return strings.Join(ps, ", ")
		}
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p + " (" + quoteIdent(k.column) + ")"
		}
		return strings.Join(out, ", ")
	}
	// Revokes: a privilege the source lacks (option true: all of it), or
	// only its grant option.
	order, privs := collect(from, func(g *engines.Grant) (bool, bool) {
		opt, ok := mt[grantKey{g.Grantee, g.Privilege, g.Column}]
		if !ok {
			return true, false
		}
		if g.GrantOption && !opt {
			return true, true
		}
		return false, false
	})
	for _, k := range order {
		prefix := "REVOKE "
		if k.option {
			prefix = "REVOKE GRANT OPTION FOR "
		}
		revokes = append(revokes, prefix+list(k, privs[k])+on+" FROM "+granteeSQL(k.grantee))
	}
	order, privs = collect(to, func(g *engines.Grant) (bool, bool) {
		opt, ok := mf[grantKey{g.Grantee, g.Privilege, g.Column}]
		if !ok || g.GrantOption && !opt {
			return true, g.GrantOption
		}
		return false, false
	})
	for _, k := range order {
		s := "GRANT " + list(k, privs[k]) + on + " TO " + granteeSQL(k.grantee)
		if k.option {
			s += " WITH GRANT OPTION"
		}
		grants = append(grants, s)
	}
	return revokes, grants
}

// routineGrantObject is how GRANT names a routine: its keyword and
// signature.
func routineGrantObject(f *engines.Function) (keyword, obj string) {
	keyword = "FUNCTION"
	if f.Procedure {
		keyword = "PROCEDURE"
	}
	return keyword, qualify(f.Schema, f.Name) + "(" + f.Args + ")"
}

// routineGrantsSQL prints what makes a new function's or procedure's
// privileges f's: the default's revoke, other roles' grants.
func routineGrantsSQL(f *engines.Function) []string {
	if f.Aggregate {
		return nil
	}
	keyword, obj := routineGrantObject(f)
	revokes, grants := grantStatements(keyword, obj, routineDefaultGrants(), f.Grants)
	return append(revokes, grants...)
}

// dumpGrants prints a relation's grants for its file.
func dumpGrants(keyword, obj string, gs []*engines.Grant) []string {
	_, grants := grantStatements(keyword, obj, nil, gs)
	return grants
}

// diffGrants compares the grants of every relation of the source with the
// target's, as they will be once the plan has run: a relation the plan
// creates, or drops and creates again, has none. It emits the statements
// and returns the changes.
// A grant to the object's owner is left out: the owner's privileges are
// implicit (GRANT to the owner changes nothing the catalog shows apart),
// and role owns what the files give no owner.
func (p *planner) diffGrants(role string) []*engines.Change {
	var out []*engines.Change
	// obj is the object as GRANT names it, schema and name as the change
	// does.
	grantOn := func(keyword, obj, schema, name, owner string, from, to []*engines.Grant) {
		if slices.ContainsFunc(to, func(g *engines.Grant) bool { return g.Grantee == owner }) {
			to = slices.DeleteFunc(slices.Clone(to), func(g *engines.Grant) bool { return g.Grantee == owner })
		}
		if grantsEqual(from, to) {
			return
		}
		revokes, grants := grantStatements(keyword, obj, from, to)
		for _, r := range revokes {
			p.add(phComments, obj, r, hz(engines.HazardAuthorization, "%s: takes privileges away", obj))
		}
		for _, g := range grants {
			p.add(phComments, obj, g)
		}
		op := engines.Alter
		if len(from) == 0 {
			op = engines.Add
		} else if len(to) == 0 {
			op = engines.Drop
		}
		out = append(out, &engines.Change{Op: op, Kind: engines.KindPrivilege, Schema: schema, Name: name, From: from, To: to})
	}
	// owner is who will own a relation: the files' owner, else the
	// target's (kept), else role.
	owner := func(src, tgt string) string {
		return cmp.Or(src, tgt, role)
	}
	// What the plan makes starts with the target's default privileges.
	defaults := applierDefaults(p.tgt.db.DefaultPrivileges)
	do := func(keyword, schema, name, owner string, from, to []*engines.Grant, fresh bool) {
		if fresh {
			objects := "TABLES"
			if keyword == "SEQUENCE" {
				objects = "SEQUENCES"
			}
			from = defaultGrants(defaults, "", schema, objects)
		}
		grantOn(keyword, qualify(schema, name), schema, name, owner, from, to)
	}
	for _, k := range p.src.tableKeys {
		s, t := p.src.tables[k], p.tgt.tables[k]
		do("TABLE", s.Schema, s.Name, owner(s.Owner, ownerOrEmpty(t, func(t *engines.Table) string { return t.Owner })),
			grantsOrNil(t, func(t *engines.Table) []*engines.Grant { return t.Grants }),
			s.Grants, t == nil || p.tblAdded[k] || p.tblReplaced[k])
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.views)) {
		s, t := p.src.views[k], p.tgt.views[k]
		do("TABLE", s.Schema, s.Name, owner(s.Owner, ownerOrEmpty(t, func(v *engines.View) string { return v.Owner })),
			grantsOrNil(t, func(v *engines.View) []*engines.Grant { return v.Grants }),
			s.Grants, t == nil || p.viewsRecreate[k] || t.Materialized != s.Materialized)
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.seqs)) {
		s, t := p.src.seqs[k], p.tgt.seqs[k]
		do("SEQUENCE", s.Schema, s.Name, owner(s.Owner, ownerOrEmpty(t, func(q *engines.Sequence) string { return q.Owner })),
			grantsOrNil(t, func(q *engines.Sequence) []*engines.Grant { return q.Grants }),
			s.Grants, t == nil)
	}
	for _, name := range slices.Sorted(maps.Keys(p.src.schemas)) {
		s, t := p.src.schemas[name], p.tgt.schemas[name]
		if name == "public" && s.Options[optPrivileges] == "" {
			continue // the files name none of its privileges
		}
		from := defaultGrants(defaults, "", "", "SCHEMAS")
		owner := role
		if t != nil {
			from = t.Grants
			owner = cmp.Or(t.Options[optOwner], role)
		}
		grantOn("SCHEMA", quoteIdent(name), "", name, owner, from, s.Grants)
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.types)) {
		s, t := p.src.types[k], p.tgt.types[k]
		from := defaultGrants(defaults, "", s.Schema, "TYPES") // what a type the plan makes has
		if t != nil && !p.typesRecreated[k] {
			from = t.Grants
		}
		grantOn("TYPE", qualify(s.Schema, s.Name), s.Schema, s.Name, role, from, s.Grants)
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.funcs)) {
		s, t := p.src.funcs[k], p.tgt.funcs[k]
		if s.Aggregate {
			continue
		}
		from := defaultGrants(defaults, "", s.Schema, "FUNCTIONS") // what a routine the plan makes has
		if t != nil && !p.funcsRecreated[k] {
			from = t.Grants
		}
		keyword, obj := routineGrantObject(s)
		grantOn(keyword, obj, s.Schema, s.Signature(), role, from, s.Grants)
	}
	return out
}

// diffOwners gives the tables, views and sequences whose files name an
// owner (ALTER … OWNER TO) that owner, also when the plan makes them: a
// file that names none leaves the owner as it is, whoever applies. A
// sequence a column owns follows its table. role is the role the target
// was inspected as, the owner of what has none in the model and of what
// the plan makes.
func (p *planner) diffOwners(role string) []*engines.Change {
	var out []*engines.Change
	do := func(keyword, schema, name, from, to string, fresh bool) {
		if fresh {
			from = ""
		}
		if from == "" {
			from = role
		}
		if to == "" || to == from {
			return
		}
		obj := qualify(schema, name)
		p.add(phComments, obj, ownerSQL(keyword, obj, to)[0],
			hz(engines.HazardAuthorization, "%s: ownership goes to %s, who may then alter, drop and grant on it", obj, to))
		out = append(out, &engines.Change{Op: engines.Alter, Kind: engines.KindOwner, Schema: schema, Name: name, From: from, To: to})
	}
	for _, k := range p.src.tableKeys {
		s, t := p.src.tables[k], p.tgt.tables[k]
		keyword := "TABLE"
		if s.ForeignServer != "" {
			keyword = "FOREIGN TABLE"
		}
		do(keyword, s.Schema, s.Name, ownerOrEmpty(t, func(t *engines.Table) string { return t.Owner }), s.Owner,
			t == nil || p.tblAdded[k] || p.tblReplaced[k])
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.views)) {
		s, t := p.src.views[k], p.tgt.views[k]
		keyword := "VIEW"
		if s.Materialized {
			keyword = "MATERIALIZED VIEW"
		}
		do(keyword, s.Schema, s.Name, ownerOrEmpty(t, func(v *engines.View) string { return v.Owner }), s.Owner,
			t == nil || p.viewsRecreate[k] || t.Materialized != s.Materialized)
	}
	for _, k := range slices.Sorted(maps.Keys(p.src.seqs)) {
		if s, t := p.src.seqs[k], p.tgt.seqs[k]; s.OwnedBy == "" {
			do("SEQUENCE", s.Schema, s.Name, ownerOrEmpty(t, func(q *engines.Sequence) string { return q.Owner }), s.Owner, t == nil)
		}
	}
	return out
}

// ownerOrEmpty is the owner of a relation that may be missing.
func ownerOrEmpty[T any](rel *T, owner func(*T) string) string {
	if rel == nil {
		return ""
	}
	return owner(rel)
}

// grantsOrNil is the grants of a relation that may be missing.
func grantsOrNil[T any](rel *T, grants func(*T) []*engines.Grant) []*engines.Grant {
	if rel == nil {
		return nil
	}
	return grants(rel)
}
