package postgres

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// Default privileges (ALTER DEFAULT PRIVILEGES): the model holds the
// entries (engines.DefaultPrivilege) as pg_default_acl does, and, as the
// server does, gives what the files create after an entry the privileges
// it grants (entries without FOR ROLE: those FOR ROLE a role apply only to
// what that role creates, and the files do not say who applies them). Plans set entries after making objects: what a plan makes
// starts from the target's entries (see defaultGrants), and gets the
// source's grants explicitly.

// defaultObjects names the kind of object of ALTER DEFAULT PRIVILEGES … ON.
func defaultObjects(objtype pg_query.ObjectType) (string, bool) {
	switch objtype {
	case pg_query.ObjectType_OBJECT_TABLE:
		return "TABLES", true
	case pg_query.ObjectType_OBJECT_SEQUENCE:
		return "SEQUENCES", true
	case pg_query.ObjectType_OBJECT_FUNCTION, pg_query.ObjectType_OBJECT_PROCEDURE, pg_query.ObjectType_OBJECT_ROUTINE:
		return "FUNCTIONS", true
	case pg_query.ObjectType_OBJECT_TYPE, pg_query.ObjectType_OBJECT_DOMAIN:
		return "TYPES", true
	case pg_query.ObjectType_OBJECT_SCHEMA:
		return "SCHEMAS", true
	}
	return "", false
}

// defaultObjectsOf maps pg_default_acl.defaclobjtype to the kind's name.
func defaultObjectsOf(objtype string) string {
	return map[string]string{"r": "TABLES", "S": "SEQUENCES", "f": "FUNCTIONS", "T": "TYPES", "n": "SCHEMAS"}[objtype]
}

// builtinDefaults is what a new object of the kind grants roles other
// than its owner when no entry says otherwise.
func builtinDefaults(objects string) []*engines.Grant {
	switch objects {
	case "FUNCTIONS":
		return routineDefaultGrants()
	case "TYPES":
		return []*engines.Grant{{Grantee: "PUBLIC", Privilege: "USAGE"}}
	}
	return nil
}

// defaultAllPrivileges is what ALL means for the kind (PostgreSQL 15).
func defaultAllPrivileges(objects string) []string {
	switch objects {
	case "TABLES":
		return allPrivileges[pg_query.ObjectType_OBJECT_TABLE]
	case "SEQUENCES":
		return allPrivileges[pg_query.ObjectType_OBJECT_SEQUENCE]
	case "FUNCTIONS":
		return []string{"EXECUTE"}
	case "TYPES":
		return []string{"USAGE"}
	case "SCHEMAS":
		return []string{"USAGE", "CREATE"}
	}
	return nil
}

// findDefault returns the entry with the key, or nil.
func findDefault(list []*engines.DefaultPrivilege, role, schema, objects string) *engines.DefaultPrivilege {
	for _, d := range list {
		if d.Role == role && d.Schema == schema && d.Objects == objects {
			return d
		}
	}
	return nil
}

// defaultEntryGrants is what an entry grants, or what its absence means:
// the built-in default for every schema, nothing for one.
func defaultEntryGrants(list []*engines.DefaultPrivilege, role, schema, objects string) []*engines.Grant {
	if d := findDefault(list, role, schema, objects); d != nil {
		return d.Grants
	}
	if schema == "" {
		return builtinDefaults(objects)
	}
	return nil
}

// setDefaultEntry stores grants as the entry with the key, or takes the
// entry away when they are what its absence means.
func setDefaultEntry(list []*engines.DefaultPrivilege, role, schema, objects string, grants []*engines.Grant) []*engines.DefaultPrivilege {
	list = slices.DeleteFunc(list, func(d *engines.DefaultPrivilege) bool {
		return d.Role == role && d.Schema == schema && d.Objects == objects
	})
	absent := schema == "" && grantsEqual(grants, builtinDefaults(objects)) || schema != "" && len(grants) == 0
	if !absent {
		list = append(list, &engines.DefaultPrivilege{Role: role, Schema: schema, Objects: objects, Grants: grants})
	}
	return list
}

// defaultGrants is what a new object of the kind, made by role (""
// matches any) in schema, grants others under the entries: the entry for
// every schema (or the built-in default), and the schema's own.
func defaultGrants(list []*engines.DefaultPrivilege, role, schema, objects string) []*engines.Grant {
	var out []*engines.Grant
	add := func(gs []*engines.Grant) {
		for _, g := range gs {
			applyGrant(&out, g.Grantee, g.Privilege, g.Column, true, g.GrantOption)
		}
	}
	global := false
	for _, d := range list {
		if d.Objects != objects || role != "" && d.Role != "" && d.Role != role {
			continue
		}
		if d.Schema == "" {
			global = true
			add(d.Grants)
		} else if d.Schema == schema && objects != "SCHEMAS" {
			add(d.Grants)
		}
	}
	if !global {
		add(builtinDefaults(objects))
	}
	return out
}

// applierDefaults keeps the entries of the role a target was inspected as
// (Role ""), those that apply to what a plan makes there.
func applierDefaults(list []*engines.DefaultPrivilege) []*engines.DefaultPrivilege {
	var out []*engines.DefaultPrivilege
	for _, d := range list {
		if d.Role == "" {
			out = append(out, d)
		}
	}
	return out
}

// defaultPrivilegeOp is one ALTER DEFAULT PRIVILEGES statement.
type defaultPrivilegeOp struct {
	seq      int
	roles    []string // "" for the applying role
	schemas  []string // "" for every schema
	objects  string
	privs    []string
	grantees []string
	isGrant  bool
	option   bool
}

// readDefaultPrivileges reads an ALTER DEFAULT PRIVILEGES statement.
func readDefaultPrivileges(s stmtAt, st *pg_query.AlterDefaultPrivilegesStmt) (*defaultPrivilegeOp, error) {
	gs := st.Action
	objects, ok := defaultObjects(gs.Objtype)
	if !ok {
		return nil, fmt.Errorf("%w: ALTER DEFAULT PRIVILEGES on %s", errUnsupported, strings.TrimPrefix(gs.Objtype.String(), "OBJECT_"))
	}
	verb := "REVOKE"
	if gs.IsGrant {
		verb = "GRANT"
	}
	grantees, err := granteeNames(verb, gs.Grantees)
	if err != nil {
		return nil, err
	}
	op := &defaultPrivilegeOp{seq: s.seq, objects: objects, grantees: grantees, isGrant: gs.IsGrant, option: gs.GrantOption}
	for _, o := range st.Options {
		de := o.GetDefElem()
		for _, item := range de.GetArg().GetList().GetItems() {
			switch de.Defname {
			case "roles":
				rs := item.GetRoleSpec()
				if rs.GetRoletype() != pg_query.RoleSpecType_ROLESPEC_CSTRING {
					return nil, fmt.Errorf("%w: ALTER DEFAULT PRIVILEGES FOR ROLE %s (name the role)", errUnsupported, strings.TrimPrefix(rs.GetRoletype().String(), "ROLESPEC_"))
				}
				op.roles = append(op.roles, rs.Rolename)
			case "schemas":
				op.schemas = append(op.schemas, item.GetString_().GetSval())
			}
		}
	}
	if len(op.roles) == 0 {
		op.roles = []string{""}
	}
	if len(op.schemas) == 0 {
		op.schemas = []string{""}
	} else if objects == "SCHEMAS" {
		return nil, fmt.Errorf("ALTER DEFAULT PRIVILEGES IN SCHEMA cannot be used with ON SCHEMAS")
	}
	if len(gs.Privileges) == 0 {
		op.privs = defaultAllPrivileges(objects)
	}
	for _, n := range gs.Privileges {
		ap := n.GetAccessPriv()
		if len(ap.Cols) > 0 {
			return nil, fmt.Errorf("ALTER DEFAULT PRIVILEGES takes no column privileges")
		}
		op.privs = append(op.privs, strings.ToUpper(ap.GetPrivName()))
	}
	return op, nil
}

// apply returns the entries after the statement (list is not changed).
func (op *defaultPrivilegeOp) apply(list []*engines.DefaultPrivilege) []*engines.DefaultPrivilege {
	out := make([]*engines.DefaultPrivilege, 0, len(list)+1)
	for _, d := range list {
		c := *d
		c.Grants = cloneGrants(d.Grants)
		out = append(out, &c)
	}
	for _, role := range op.roles {
		for _, schema := range op.schemas {
			gs := cloneGrants(defaultEntryGrants(out, role, schema, op.objects))
			for _, g := range op.grantees {
				for _, pr := range op.privs {
					applyGrant(&gs, g, pr, "", op.isGrant, op.option)
				}
			}
			out = setDefaultEntry(out, role, schema, op.objects, gs)
		}
	}
	return out
}

func cloneGrants(gs []*engines.Grant) []*engines.Grant {
	out := make([]*engines.Grant, len(gs))
	for i, g := range gs {
		c := *g
		out[i] = &c
	}
	return out
}

// defaultPrivileges reads the files' ALTER DEFAULT PRIVILEGES statements,
// in the files' order, and applies them (applyDefaultPrivileges).
func (p *parser) defaultPrivileges(stmts []stmtAt) error {
	var ops []*defaultPrivilegeOp
	for _, s := range stmts {
		st := s.node.GetAlterDefaultPrivilegesStmt()
		if st == nil {
			continue
		}
		op, err := readDefaultPrivileges(s, st)
		if err != nil {
			return &engines.StatementError{File: s.file, Line: s.line, Statement: s.text, Err: err}
		}
		ops = append(ops, op)
	}
	slices.SortStableFunc(ops, func(a, b *defaultPrivilegeOp) int { return a.seq - b.seq })
	p.applyDefaultPrivileges(ops)
	return nil
}

// applyDefaultPrivileges gives what the files create the grants of the
// entries in effect where the files create it (the statements before it,
// in the files' order), before the GRANT and REVOKE statements apply, and
// sets the model's entries to the last state. ops are in the files' order.
func (p *parser) applyDefaultPrivileges(ops []*defaultPrivilegeOp) {
	states := make([][]*engines.DefaultPrivilege, len(ops)+1) // states[k]: after ops[:k]
	for k, op := range ops {
		states[k+1] = op.apply(states[k])
	}
	at := func(kind, qualified string) ([]*engines.DefaultPrivilege, bool) {
		key := kind + " " + qualified
		if relationKinds[kind] {
			key = "relation " + qualified
		}
		def, ok := p.defined[key]
		if !ok {
			return nil, false
		}
		k, _ := slices.BinarySearchFunc(ops, def.seq, func(op *defaultPrivilegeOp, seq int) int { return op.seq - seq })
		// Entries FOR ROLE another role do not apply to what the applying
		// role creates; the files do not say who that is, so a FOR ROLE
		// entry applies to none (pg_dump writes them after every object).
		return applierDefaults(states[k]), k > 0
	}
	for _, sc := range p.db.Schemas {
		for _, t := range sc.Types {
			// Every type starts with the default: PUBLIC's USAGE, unless
			// an entry says otherwise.
			list, _ := at("type", sc.Name+"."+t.Name)
			t.Grants = defaultGrants(list, "", sc.Name, "TYPES")
		}
		if list, ok := at("schema", sc.Name); ok && sc.Name != "public" {
			sc.Grants = defaultGrants(list, "", "", "SCHEMAS")
		}
		for _, t := range sc.Tables {
			if list, ok := at("table", sc.Name+"."+t.Name); ok {
				t.Grants = defaultGrants(list, "", sc.Name, "TABLES")
			}
		}
		for _, v := range sc.Views {
			if list, ok := at("view", sc.Name+"."+v.Name); ok {
				v.Grants = defaultGrants(list, "", sc.Name, "TABLES")
			}
		}
		for _, q := range sc.Sequences {
			name := q.Name
			if q.OwnedBy != "" {
				// Made with its table (serial).
				name, _, _ = strings.Cut(q.OwnedBy, ".")
			}
			if list, ok := at("relation", sc.Name+"."+name); ok {
				q.Grants = defaultGrants(list, "", sc.Name, "SEQUENCES")
			}
		}
		for _, f := range sc.Functions {
			if f.Aggregate {
				continue
			}
			if list, ok := at("function", sc.Name+"."+f.Signature()); ok {
				f.Grants = defaultGrants(list, "", sc.Name, "FUNCTIONS")
			}
		}
	}
	if len(ops) > 0 {
		p.db.DefaultPrivileges = states[len(ops)]
	}
}

// defaultPrivilegeRow files a row of the privileges query of kind D<objtype>:
// schema oid (0: every schema), grantee ("" for an entry that grants no
// one), privilege, grant option, and the entry's role ("" for the
// inspecting one).
func (in *inspector) defaultPrivilegeRow(schemaOID uint32, objtype, grantee, priv string, grantable bool, role string) {
	schema := ""
	if schemaOID != 0 {
		var ok bool
		if schema, ok = in.schemaNames[schemaOID]; !ok {
			return // a system schema's
		}
	}
	objects := defaultObjectsOf(objtype)
	if objects == "" {
		return
	}
	d := findDefault(in.db.DefaultPrivileges, role, schema, objects)
	if d == nil {
		d = &engines.DefaultPrivilege{Role: role, Schema: schema, Objects: objects}
		in.db.DefaultPrivileges = append(in.db.DefaultPrivileges, d)
	}
	if grantee != "" {
		d.Grants = append(d.Grants, &engines.Grant{Grantee: grantee, Privilege: priv, GrantOption: grantable})
		sortGrants(d.Grants)
	}
}

// defaultPrivilegeSQL prints the statements that take an entry's grants
// from one list to another.
func defaultPrivilegeSQL(d *engines.DefaultPrivilege, from, to []*engines.Grant) (revokes, grants []string) {
	prefix := "ALTER DEFAULT PRIVILEGES "
	if d.Role != "" {
		prefix += "FOR ROLE " + quoteIdent(d.Role) + " "
	}
	if d.Schema != "" {
		prefix += "IN SCHEMA " + quoteIdent(d.Schema) + " "
	}
	revokes, grants = grantStatements(d.Objects, "", from, to)
	for i := range revokes {
		revokes[i] = prefix + revokes[i]
	}
	for i := range grants {
		grants[i] = prefix + grants[i]
	}
	return revokes, grants
}

// diffDefaultPrivileges sets the target's entries to the source's, after
// the plan made its objects (which start from the target's entries).
// role is the target's: a source entry for it is the applying role's.
func (p *planner) diffDefaultPrivileges(role string) []*engines.Change {
	src := make([]*engines.DefaultPrivilege, 0, len(p.src.db.DefaultPrivileges))
	for _, d := range p.src.db.DefaultPrivileges {
		c := *d
		if c.Role == role {
			c.Role = ""
		}
		src = append(src, &c)
	}
	tgt := p.tgt.db.DefaultPrivileges
	keys := map[string]*engines.DefaultPrivilege{}
	for _, d := range append(slices.Clone(tgt), src...) {
		keys[d.Key()] = d
	}
	var out []*engines.Change
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		d := keys[k]
		from := defaultEntryGrants(tgt, d.Role, d.Schema, d.Objects)
		to := defaultEntryGrants(src, d.Role, d.Schema, d.Objects)
		if grantsEqual(from, to) {
			continue
		}
		obj := "default privileges on " + strings.ToLower(d.Objects)
		if d.Schema != "" {
			obj += " in schema " + d.Schema
		}
		revokes, grants := defaultPrivilegeSQL(d, from, to)
		for _, r := range revokes {
			p.add(phComments, obj, r, hz(engines.HazardAuthorization, "%s: takes privileges away from what will be created", obj))
		}
		for _, g := range grants {
			p.add(phComments, obj, g)
		}
		out = append(out, &engines.Change{Op: engines.Alter, Kind: engines.KindPrivilege, Schema: d.Schema, Name: obj, From: from, To: to})
	}
	return out
}

// dumpDefaultPrivileges prints the entries, for a file read after every
// object's (what the files create after an entry takes its grants).
func dumpDefaultPrivileges(db *engines.Database) []string {
	var out []string
	for _, d := range db.DefaultPrivileges {
		revokes, grants := defaultPrivilegeSQL(d, defaultEntryGrants(nil, d.Role, d.Schema, d.Objects), d.Grants)
		out = append(append(out, revokes...), grants...)
	}
	return out
}
