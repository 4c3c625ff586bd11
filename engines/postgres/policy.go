package postgres

// Row-level security: policies (CREATE/ALTER POLICY), ENABLE/FORCE ROW
// LEVEL SECURITY, and the table's REPLICA IDENTITY, which travels with them
// as a per-table ALTER TABLE setting. Parse, inspect, diff, DDL and dump of
// these kinds live here; the shared files call in through small hooks.

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// publicRole stands for PUBLIC in Policy.Roles: the server refuses to
// create a role of that name, so it cannot clash with a real one.
const publicRole = "public"

// policyCommands maps pg_policy.polcmd and the grammar's command names to
// the model's Command.
var policyCommands = map[string]string{
	"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE",
	"all": "ALL", "select": "SELECT", "insert": "INSERT", "update": "UPDATE", "delete": "DELETE",
}

// ---- parse ----

func (p *parser) createPolicy(s stmtAt, cp *pg_query.CreatePolicyStmt) error {
	schema, name := rangeVarName(cp.Table)
	t := p.findTable(schema, name)
	if t == nil {
		return fmt.Errorf("CREATE POLICY %s: table %s.%s is not defined in the schema files", cp.PolicyName, schema, name)
	}
	if err := p.define(s, "policy", schema+"."+name+"."+cp.PolicyName); err != nil {
		return err
	}
	cmd, ok := policyCommands[strings.ToLower(cp.CmdName)]
	if cp.CmdName == "" {
		cmd, ok = "ALL", true
	}
	if !ok {
		return fmt.Errorf("CREATE POLICY %s: unknown command %q", cp.PolicyName, cp.CmdName)
	}
	roles, err := policyRoles(cp.Roles)
	if err != nil {
		return fmt.Errorf("CREATE POLICY %s: %w", cp.PolicyName, err)
	}
	t.Policies = append(t.Policies, &engines.Policy{
		Name:        cp.PolicyName,
		Restrictive: !cp.Permissive,
		Command:     cmd,
		Roles:       roles,
		Using:       deparseExpr(cp.Qual),
		WithCheck:   deparseExpr(cp.WithCheck),
	})
	return nil
}

func (p *parser) alterPolicy(s stmtAt, ap *pg_query.AlterPolicyStmt) error {
	schema, name := rangeVarName(ap.Table)
	t := p.findTable(schema, name)
	if t == nil {
		return fmt.Errorf("ALTER POLICY %s: table %s.%s is not defined in the schema files", ap.PolicyName, schema, name)
	}
	var pol *engines.Policy
	for _, x := range t.Policies {
		if x.Name == ap.PolicyName {
			pol = x
		}
	}
	if pol == nil {
		return fmt.Errorf("ALTER POLICY: policy %s on %s.%s is not defined in the schema files", ap.PolicyName, schema, name)
	}
	if len(ap.Roles) > 0 {
		roles, err := policyRoles(ap.Roles)
		if err != nil {
			return fmt.Errorf("ALTER POLICY %s: %w", ap.PolicyName, err)
		}
		pol.Roles = roles
	}
	if ap.Qual != nil {
		pol.Using = deparseExpr(ap.Qual)
	}
	if ap.WithCheck != nil {
		pol.WithCheck = deparseExpr(ap.WithCheck)
	}
	return nil
}

// policyRoles turns TO role, ... into the model's sorted role list. The
// server keeps only PUBLIC when PUBLIC is among the roles (everyone is a
// member of it). CURRENT_USER and friends name whoever applies the file,
// which a schema file cannot know, so they are refused.
func policyRoles(nodes []*pg_query.Node) ([]string, error) {
	if len(nodes) == 0 {
		return []string{publicRole}, nil
	}
	var roles []string
	for _, n := range nodes {
		rs := n.GetRoleSpec()
		switch rs.GetRoletype() {
		case pg_query.RoleSpecType_ROLESPEC_PUBLIC:
			return []string{publicRole}, nil
		case pg_query.RoleSpecType_ROLESPEC_CSTRING:
			roles = append(roles, rs.Rolename)
		default:
			return nil, fmt.Errorf("%w: policy role %s (it depends on who applies the schema; name the role)",
				errUnsupported, strings.TrimPrefix(rs.GetRoletype().String(), "ROLESPEC_"))
		}
	}
	return canonicalRoles(roles), nil
}

// canonicalRoles sorts and deduplicates role names; PUBLIC absorbs the rest.
func canonicalRoles(roles []string) []string {
	if slices.Contains(roles, publicRole) || len(roles) == 0 {
		return []string{publicRole}
	}
	out := slices.Clone(roles)
	sort.Strings(out)
	return slices.Compact(out)
}

// alterTableSecurity applies ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL
// SECURITY and REPLICA IDENTITY to a table of the model.
func (p *parser) alterTableSecurity(t *engines.Table, cmd *pg_query.AlterTableCmd) error {
	switch cmd.Subtype {
	case pg_query.AlterTableType_AT_EnableRowSecurity:
		t.RowSecurity = true
	case pg_query.AlterTableType_AT_DisableRowSecurity:
		t.RowSecurity = false
	case pg_query.AlterTableType_AT_ForceRowSecurity:
		t.ForceRowSecurity = true
	case pg_query.AlterTableType_AT_NoForceRowSecurity:
		t.ForceRowSecurity = false
	case pg_query.AlterTableType_AT_ReplicaIdentity:
		ri := cmd.Def.GetReplicaIdentityStmt()
		kind, index := replicaIdentityKind(ri.GetIdentityType()), ri.GetName()
		if kind == "INDEX" && !tableHasKeyIndex(t, index) {
			return fmt.Errorf("REPLICA IDENTITY USING INDEX %s: no such index on %s.%s in the schema files", index, t.Schema, t.Name)
		}
		t.ReplicaIdentity, t.ReplicaIdentityIndex = kind, index
	}
	return nil
}

// replicaIdentityKind maps the grammar's and pg_class.relreplident's letter
// to the model ("" is DEFAULT).
func replicaIdentityKind(letter string) string {
	switch letter {
	case "f":
		return "FULL"
	case "n":
		return "NOTHING"
	case "i":
		return "INDEX"
	}
	return ""
}

// tableHasKeyIndex reports whether the table has an index of that name, its
// own or one a primary key or unique constraint owns.
func tableHasKeyIndex(t *engines.Table, name string) bool {
	for _, idx := range t.Indexes {
		if idx.Name == name {
			return true
		}
	}
	for _, c := range t.Constraints {
		if c.Name == name && (c.Kind == engines.PrimaryKey || c.Kind == engines.Unique) {
			return true
		}
	}
	return false
}

// alterTableUsesIndex reports whether an ALTER TABLE names an existing
// index (ADD CONSTRAINT ... USING INDEX, REPLICA IDENTITY USING INDEX), so
// it must be read after CREATE INDEX statements.
func alterTableUsesIndex(at *pg_query.AlterTableStmt) bool {
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case pg_query.AlterTableType_AT_AddConstraint:
			if cmd.GetDef().GetConstraint().GetIndexname() != "" {
				return true
			}
		case pg_query.AlterTableType_AT_ReplicaIdentity:
			if cmd.GetDef().GetReplicaIdentityStmt().GetIdentityType() == "i" {
				return true
			}
		case pg_query.AlterTableType_AT_EnableTrig, pg_query.AlterTableType_AT_DisableTrig,
			pg_query.AlterTableType_AT_EnableAlwaysTrig, pg_query.AlterTableType_AT_EnableReplicaTrig,
			pg_query.AlterTableType_AT_EnableTrigAll, pg_query.AlterTableType_AT_DisableTrigAll,
			pg_query.AlterTableType_AT_EnableTrigUser, pg_query.AlterTableType_AT_DisableTrigUser:
			// Triggers exist from pass 5 on, as indexes do.
			return true
		}
	}
	return false
}

// addConstraintUsingIndex turns ADD CONSTRAINT name {PRIMARY KEY | UNIQUE}
// USING INDEX idx into the model as the server does: the index becomes the
// constraint's (renamed to the constraint's name), so the model holds the
// constraint and no longer the index.
func (p *parser) addConstraintUsingIndex(t *engines.Table, c *pg_query.Constraint) error {
	at := -1
	for i, idx := range t.Indexes {
		if idx.Name == c.Indexname {
			at = i
		}
	}
	if at < 0 {
		return fmt.Errorf("USING INDEX %s: no such index on %s.%s in the schema files", c.Indexname, t.Schema, t.Name)
	}
	idx := t.Indexes[at]
	if !idx.Unique {
		return fmt.Errorf("USING INDEX %s: the index is not unique", idx.Name)
	}
	if idx.Where != "" || (idx.Method != "" && idx.Method != "btree") {
		return fmt.Errorf("USING INDEX %s: a partial or non-btree index cannot back a constraint", idx.Name)
	}
	con := &engines.Constraint{
		Name:              c.Conname,
		Include:           slices.Clone(idx.Include),
		NullsNotDistinct:  idx.NullsNotDistinct,
		Deferrable:        c.Deferrable,
		InitiallyDeferred: c.Initdeferred,
		Comment:           idx.Comment,
	}
	switch c.Contype {
	case pg_query.ConstrType_CONSTR_PRIMARY:
		con.Kind = engines.PrimaryKey
	case pg_query.ConstrType_CONSTR_UNIQUE:
		con.Kind = engines.Unique
	default:
		return fmt.Errorf("%w: USING INDEX with constraint kind %s", errUnsupported, c.Contype)
	}
	for _, part := range idx.Parts {
		if part.Column == "" || part.Expr != "" || part.Desc || part.NullsFirst != nil || part.OpClass != "" || part.Collation != "" {
			return fmt.Errorf("USING INDEX %s: the index must list plain columns in default order", idx.Name)
		}
		con.Columns = append(con.Columns, part.Column)
	}
	if con.Name == "" {
		con.Name = idx.Name
	}
	for _, x := range t.Constraints {
		if x.Name == con.Name {
			return fmt.Errorf("constraint %s on table %s.%s is defined twice", con.Name, t.Schema, t.Name)
		}
	}
	// The index is renamed to the constraint: its old name is free again.
	delete(p.rels[t.Schema], idx.Name)
	addName(p.rels, t.Schema, con.Name)
	addName(p.cons, t.Schema, con.Name)
	if con.Kind == engines.PrimaryKey {
		for _, name := range con.Columns {
			if col := t.Column(name); col != nil {
				col.NotNull = true
			}
		}
	}
	t.Indexes = slices.Delete(t.Indexes, at, at+1)
	if t.ReplicaIdentity == "INDEX" && t.ReplicaIdentityIndex == idx.Name {
		t.ReplicaIdentityIndex = con.Name
	}
	t.Constraints = append(t.Constraints, con)
	return nil
}

// ---- inspect ----

// qPolicies reads every policy at once. Role oid 0 is PUBLIC.
var qPolicies = `SELECT pol.polrelid, pol.polname, pol.polpermissive, pol.polcmd::text,
  ARRAY(SELECT CASE WHEN r = 0 THEN '` + publicRole + `' ELSE pg_get_userbyid(r)::text END FROM unnest(pol.polroles) r),
  coalesce(pg_get_expr(pol.polqual, pol.polrelid), ''), coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), ''),
  pol.oid
FROM pg_policy pol
JOIN pg_class c ON c.oid = pol.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND ` + inScope + `
ORDER BY pol.polrelid, pol.polname`

func (in *inspector) policyRow(rows pgx.Rows) error {
	var (
		oid         uint32
		permissive  bool
		cmd         string
		roles       []string
		pol         engines.Policy
		using, with string
		polOid      uint32
	)
	if err := rows.Scan(&oid, &pol.Name, &permissive, &cmd, &roles, &using, &with, &polOid); err != nil {
		return err
	}
	pol.Comment = in.comment(classPolicy, polOid, 0)
	t := in.tables[oid]
	if t == nil {
		return nil
	}
	pol.Restrictive = !permissive
	pol.Command = policyCommands[cmd]
	pol.Roles = canonicalRoles(roles)
	pol.Using, pol.WithCheck = using, with
	t.Policies = append(t.Policies, &pol)
	return nil
}

// ---- DDL ----

func policyRolesSQL(roles []string) string {
	if len(roles) == 0 {
		return "PUBLIC"
	}
	out := make([]string, len(roles))
	for i, r := range roles {
		if r == publicRole {
			out[i] = "PUBLIC"
		} else {
			out[i] = quoteIdent(r)
		}
	}
	return strings.Join(out, ", ")
}

func createPolicySQL(schema, table string, pol *engines.Policy) string {
	var b strings.Builder
	b.WriteString("CREATE POLICY " + quoteIdent(pol.Name) + " ON " + qualify(schema, table))
	if pol.Restrictive {
		b.WriteString(" AS RESTRICTIVE")
	}
	cmd := pol.Command
	if cmd == "" {
		cmd = "ALL"
	}
	b.WriteString(" FOR " + cmd + " TO " + policyRolesSQL(pol.Roles))
	if pol.Using != "" {
		b.WriteString(" USING (" + pol.Using + ")")
	}
	if pol.WithCheck != "" {
		b.WriteString(" WITH CHECK (" + pol.WithCheck + ")")
	}
	return b.String()
}

func dropPolicySQL(schema, table, name string) string {
	return "DROP POLICY " + quoteIdent(name) + " ON " + qualify(schema, table)
}

func policyObject(schema, table, name string) string {
	return "POLICY " + quoteIdent(name) + " ON " + qualify(schema, table)
}

// rowSecuritySQL returns the ALTER TABLE statements that set a table's row
// security from its default (off) or from the table from.
func rowSecuritySQL(from, to *engines.Table) []string {
	name := qualify(to.Schema, to.Name)
	var out []string
	if from.RowSecurity != to.RowSecurity {
		mode := "DISABLE"
		if to.RowSecurity {
			mode = "ENABLE"
		}
		out = append(out, "ALTER TABLE "+name+" "+mode+" ROW LEVEL SECURITY")
	}
	if from.ForceRowSecurity != to.ForceRowSecurity {
		mode := "NO FORCE"
		if to.ForceRowSecurity {
			mode = "FORCE"
		}
		out = append(out, "ALTER TABLE "+name+" "+mode+" ROW LEVEL SECURITY")
	}
	return out
}

// clusterSQL marks the index CLUSTER uses (or none); it does not reorder rows.
func clusterSQL(t *engines.Table) string {
	if t.ClusterOn == "" {
		return "ALTER TABLE " + qualify(t.Schema, t.Name) + " SET WITHOUT CLUSTER"
	}
	return "ALTER TABLE " + qualify(t.Schema, t.Name) + " CLUSTER ON " + quoteIdent(t.ClusterOn)
}

func replicaIdentitySQL(t *engines.Table) string {
	ident := "DEFAULT"
	switch t.ReplicaIdentity {
	case "FULL", "NOTHING":
		ident = t.ReplicaIdentity
	case "INDEX":
		ident = "USING INDEX " + quoteIdent(t.ReplicaIdentityIndex)
	}
	return "ALTER TABLE " + qualify(t.Schema, t.Name) + " REPLICA IDENTITY " + ident
}

// ---- dump ----

// dumpTableSecurity prints what a table's file holds after its indexes and
// triggers: row security, replica identity and policies.
func dumpTableSecurity(t *engines.Table) []string {
	stmts := rowSecuritySQL(&engines.Table{}, t)
	if t.ReplicaIdentity != "" {
		stmts = append(stmts, replicaIdentitySQL(t))
	}
	if t.ClusterOn != "" {
		stmts = append(stmts, clusterSQL(t))
	}
	for _, pol := range sortedBy(t.Policies, func(x *engines.Policy) string { return x.Name }) {
		stmts = append(stmts, createPolicySQL(t.Schema, t.Name, pol))
	}
	return stmts
}

// dumpPolicyComments prints the comments of a table's policies.
func dumpPolicyComments(t *engines.Table) []string {
	var stmts []string
	for _, pol := range sortedBy(t.Policies, func(x *engines.Policy) string { return x.Name }) {
		if pol.Comment != "" {
			stmts = append(stmts, commentSQL(policyObject(t.Schema, t.Name, pol.Name), pol.Comment))
		}
	}
	return stmts
}

// ---- diff ----

// tableSecurityFields names the table-level settings of this file that
// differ. A replica identity index that is dropped and created again
// loses the setting, so it counts as changed then too.
func (p *planner) tableSecurityFields(t, s *engines.Table) []string {
	var f []string
	if t.RowSecurity != s.RowSecurity || t.ForceRowSecurity != s.ForceRowSecurity {
		f = append(f, "row_security")
	}
	if t.ReplicaIdentity != s.ReplicaIdentity || t.ReplicaIdentityIndex != s.ReplicaIdentityIndex ||
		(s.ReplicaIdentity == "INDEX" && p.keyIndexRebuilt(t, s, s.ReplicaIdentityIndex)) {
		f = append(f, "replica_identity")
	}
	if t.ClusterOn != s.ClusterOn || (s.ClusterOn != "" && p.keyIndexRebuilt(t, s, s.ClusterOn)) {
		f = append(f, "cluster")
	}
	return f
}

// keyIndexRebuilt reports whether the plan drops and creates again the
// index of that name (its own or a constraint's) on a table kept by it.
func (p *planner) keyIndexRebuilt(t, s *engines.Table, name string) bool {
	for _, ti := range t.Indexes {
		if ti.Name == name {
			for _, si := range s.Indexes {
				if si.Name == name {
					return !p.indexEqual(ti, si)
				}
			}
		}
	}
	for _, tc := range t.Constraints {
		if tc.Name == name {
			for _, sc := range s.Constraints {
				if sc.Name == name {
					return !p.constraintEqual(t, tc, sc)
				}
			}
		}
	}
	return false
}

// emitTableSecurity generates the statements of the fields
// tableSecurityFields found on a table kept by the plan.
func (p *planner) emitTableSecurity(c *engines.Change) {
	from, to := c.From.(*engines.Table), c.To.(*engines.Table)
	obj := c.Object()
	if slices.Contains(c.Fields, "row_security") {
		for _, sql := range rowSecuritySQL(from, to) {
			p.add(phAlterTables, obj, sql,
				hz(engines.HazardAuthorization, "changes which rows of %s roles can read and write", qualify(to.Schema, to.Name)))
		}
	}
	if slices.Contains(c.Fields, "replica_identity") {
		// After indexes and key constraints are built: USING INDEX needs its index.
		p.add(phAddFKs, obj, replicaIdentitySQL(to))
	}
	if slices.Contains(c.Fields, "cluster") {
		p.add(phAddFKs, obj, clusterSQL(to))
	}
}

// newTableSecurity queues row security, replica identity and policies of a
// table the plan creates.
func (p *planner) newTableSecurity(t *engines.Table) {
	obj := "table " + key(t.Schema, t.Name)
	for _, sql := range rowSecuritySQL(&engines.Table{}, t) {
		p.add(phAlterTables, obj, sql,
			hz(engines.HazardAuthorization, "changes which rows of %s roles can read and write", qualify(t.Schema, t.Name)))
	}
	if t.ReplicaIdentity != "" {
		p.add(phAddFKs, obj, replicaIdentitySQL(t))
	}
	if t.ClusterOn != "" {
		p.add(phAddFKs, obj, clusterSQL(t))
	}
	for _, pol := range t.Policies {
		pobj := "policy " + key(t.Schema, t.Name) + "." + pol.Name
		p.add(phTriggers, pobj, createPolicySQL(t.Schema, t.Name, pol), policyHazard(pobj))
		if pol.Comment != "" {
			p.comment(pobj, policyObject(t.Schema, t.Name, pol.Name), pol.Comment)
		}
	}
}

func policyHazard(obj string) engines.Hazard {
	return hz(engines.HazardAuthorization, "%s changes which rows roles can read and write", obj)
}

// diffPolicies appends the policy changes of a table present on both
// sides. It runs after the table's column changes were appended, because a
// policy that reads a column being dropped or retyped must be dropped
// before and created again after (the server refuses both otherwise).
func (p *planner) diffPolicies(out []*engines.Change, t, s *engines.Table) []*engines.Change {
	if len(t.Policies) == 0 && len(s.Policies) == 0 {
		return out
	}
	blocked := map[string]bool{} // target columns the plan drops or retypes
	for _, c := range out[tableChangesFrom(out, s):] {
		if c.Kind == engines.KindColumn && (c.Op == engines.Drop || c.Op == engines.Replace ||
			slices.Contains(c.Fields, "type") || slices.Contains(c.Fields, "collation")) {
			blocked[c.Name] = true
		}
	}
	tm := make(map[string]*engines.Policy, len(t.Policies))
	for _, x := range t.Policies {
		tm[x.Name] = x
	}
	sm := make(map[string]*engines.Policy, len(s.Policies))
	for _, x := range s.Policies {
		sm[x.Name] = x
	}
	for _, name := range unionKeys(tm, sm) {
		tp, sp := tm[name], sm[name]
		ch := &engines.Change{Kind: engines.KindPolicy, Schema: s.Schema, Table: s.Name, Name: name}
		switch {
		case tp == nil:
			ch.Op, ch.To = engines.Add, sp
		case sp == nil:
			ch.Op, ch.From = engines.Drop, tp
		default:
			ch.Op, ch.From, ch.To = engines.Alter, tp, sp
			replace := false
			if tp.Restrictive != sp.Restrictive {
				ch.Fields, replace = append(ch.Fields, "restrictive"), true
			}
			if tp.Command != sp.Command {
				ch.Fields, replace = append(ch.Fields, "command"), true
			}
			if !slices.Equal(tp.Roles, sp.Roles) {
				ch.Fields = append(ch.Fields, "roles")
			}
			if !p.policyExprEqual(s, tp.Using, sp.Using) {
				ch.Fields = append(ch.Fields, "using")
				// ALTER POLICY can change an expression, not remove it.
				replace = replace || sp.Using == ""
			}
			if !p.policyExprEqual(s, tp.WithCheck, sp.WithCheck) {
				ch.Fields = append(ch.Fields, "with_check")
				replace = replace || sp.WithCheck == ""
			}
			if policyReads(tp, blocked) {
				ch.Fields, replace = append(ch.Fields, "columns"), true
			}
			if replace {
				ch.Op = engines.Replace
			}
			if tp.Comment != sp.Comment {
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

// policyReads reports whether a policy's expressions name any of the
// columns. Names are matched without resolving them, so a column of
// another table read in a subquery may count: that only costs an
// unneeded re-creation.
func policyReads(pol *engines.Policy, cols map[string]bool) bool {
	return exprsRead([]string{pol.Using, pol.WithCheck}, cols)
}

// exprsRead reports whether any of the expressions ("" for none) names
// any of the columns.
func exprsRead(exprs []string, cols map[string]bool) bool {
	if len(cols) == 0 {
		return false
	}
	for _, e := range exprs {
		if e == "" {
			continue
		}
		n, err := parseExpr(e)
		if err != nil {
			return true // cannot tell: recreating is always safe
		}
		for _, c := range columnRefNames(n) {
			if cols[c] {
				return true
			}
		}
	}
	return false
}

// policyExprEqual compares a target policy expression with a source one,
// asking the target server to print the source expression when the
// normalizer alone finds them different.
func (p *planner) policyExprEqual(tbl *engines.Table, tgt, src string) bool {
	if p.exprEqual(tgt, src) {
		return true
	}
	if tgt == "" || src == "" {
		return false
	}
	a := p.serverAssist()
	if a == nil {
		return false
	}
	printed, err := a.policyExpr(p.ctx, tbl.Schema, tbl.Name, src)
	if err != nil {
		return false
	}
	return p.exprEqual(tgt, printed)
}

// emitPolicy generates the statements of one policy change. Drops go
// first in the plan, before the columns, views and functions they read
// are dropped; creations and ALTER POLICY go after what they may read
// (columns, functions, views) exists.
func (p *planner) emitPolicy(c *engines.Change) error {
	obj := c.Object()
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	if c.Op == engines.Drop || c.Op == engines.Replace {
		from := c.From.(*engines.Policy)
		p.add(phDropTriggers, obj, dropPolicySQL(c.Schema, c.Table, from.Name), policyHazard(obj))
	}
	if c.Op == engines.Add || c.Op == engines.Replace {
		p.add(phTriggers, obj, createPolicySQL(c.Schema, c.Table, c.To.(*engines.Policy)), policyHazard(obj))
	}
	if c.Op == engines.Alter && p.policyBlocked(c.Schema, c.Table, c.From.(*engines.Policy)) {
		// What it reads is dropped or recreated first: ALTER POLICY comes too late.
		from, to := c.From.(*engines.Policy), c.To.(*engines.Policy)
		p.add(phDropTriggers, obj, dropPolicySQL(c.Schema, c.Table, from.Name), policyHazard(obj))
		p.add(phTriggers, obj, createPolicySQL(c.Schema, c.Table, to), policyHazard(obj))
	} else if c.Op == engines.Alter && (has("roles") || has("using") || has("with_check")) {
		to := c.To.(*engines.Policy)
		sql := "ALTER POLICY " + quoteIdent(to.Name) + " ON " + qualify(c.Schema, c.Table)
		if has("roles") {
			sql += " TO " + policyRolesSQL(to.Roles)
		}
		if has("using") {
			sql += " USING (" + to.Using + ")"
		}
		if has("with_check") {
			sql += " WITH CHECK (" + to.WithCheck + ")"
		}
		p.add(phTriggers, obj, sql, policyHazard(obj))
	}
	if to, ok := c.To.(*engines.Policy); ok && (has("comment") || (c.Op != engines.Alter && to.Comment != "")) {
		p.comment(obj, policyObject(c.Schema, c.Table, to.Name), to.Comment)
	}
	return nil
}

// ---- server assist ----

// policyExpr returns how the server prints a policy expression in the
// context of an existing table (pg_get_expr of the policy's USING).
func (a *serverAssist) policyExpr(ctx context.Context, schema, table, expr string) (string, error) {
	key := strings.Join([]string{"policy", schema, table, expr}, "\x00")
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	s, err := a.ask(ctx, "SELECT pg_get_expr(polqual, polrelid) FROM pg_catalog.pg_policy WHERE polrelid = pg_catalog.to_regclass('pg_temp.schemasync_assist')",
		"CREATE TEMPORARY TABLE schemasync_assist (LIKE "+qualify(schema, table)+")",
		"CREATE POLICY schemasync_assist ON pg_temp.schemasync_assist USING ("+expr+")")
	if err != nil {
		return "", err
	}
	a.cache[key] = s
	return s, nil
}

// setTableSecurity files the row security and replica identity columns of
// an inspected table. An index replica identity whose index was dropped
// since (the server keeps relreplident 'i') identifies no row, as NOTHING.
func setTableSecurity(t *engines.Table, rowSecurity, force bool, replIdent, replIndex string) {
	t.RowSecurity, t.ForceRowSecurity = rowSecurity, force
	t.ReplicaIdentity = replicaIdentityKind(replIdent)
	if t.ReplicaIdentity == "INDEX" {
		t.ReplicaIdentityIndex = replIndex
		if replIndex == "" {
			t.ReplicaIdentity = "NOTHING"
		}
	}
}

// attachKeyIndex reads ALTER INDEX parent ATTACH PARTITION schema.name
// where name is the index of a partition's primary key or unique
// constraint (made by USING INDEX) and parent is the index of the parent
// table's matching constraint: the partition's constraint then belongs to
// the parent's (conparentid), is created with it, and is not part of the
// partition's definition (inspect leaves it out the same way). Attached to
// a plain index, the constraint stays the partition's own.
func (p *parser) attachKeyIndex(parent *pg_query.RangeVar, schema, name string) {
	sc := p.db.Schema(schema)
	if sc == nil || parent == nil {
		return
	}
	for _, t := range sc.Tables {
		if t.PartitionOf == "" {
			continue
		}
		for i, c := range t.Constraints {
			if c.Name != name || (c.Kind != engines.PrimaryKey && c.Kind != engines.Unique) {
				continue
			}
			ps, pn := engines.SplitQualified(t.PartitionOf, t.Schema)
			pt := p.findTable(ps, pn)
			if pt == nil || ps != parentSchema(parent, ps) {
				return
			}
			for _, pc := range pt.Constraints {
				if pc.Name == parent.Relname && pc.Kind == c.Kind {
					t.Constraints = slices.Delete(t.Constraints, i, i+1)
					return
				}
			}
			return
		}
	}
}

// parentSchema is the schema of an ALTER INDEX's index: as written, or the
// given default when unqualified (the index of a table's constraint lives
// in the table's schema).
func parentSchema(rv *pg_query.RangeVar, def string) string {
	if rv.Schemaname != "" {
		return rv.Schemaname
	}
	return def
}

// ---- USING INDEX ----

// tableChangesFrom returns where the trailing run of changes about table s
// starts in out: diffTable appends a table's changes together.
func tableChangesFrom(out []*engines.Change, s *engines.Table) int {
	i := len(out)
	for i > 0 {
		c := out[i-1]
		if c.Schema != s.Schema || !(c.Table == s.Name || (c.Kind == engines.KindTable && c.Table == "" && c.Name == s.Name)) {
			break
		}
		i--
	}
	return i
}

// reuseKeyIndexes pairs a new primary key or unique constraint with a
// unique index the plan would drop that has exactly the constraint's
// definition: ADD CONSTRAINT ... USING INDEX then turns the index into the
// constraint's (the server renames it) instead of dropping one index and
// building the same again. The pair becomes one change: the constraint's
// Add, with From set to the index it takes over.
//
// Partitioned tables and partitions are left alone: the server refuses USING
// INDEX on the former, and a partition's index may be one attached to an
// index of its parent (or invalid), which the model does not tell.
func (p *planner) reuseKeyIndexes(out []*engines.Change, t, s *engines.Table) []*engines.Change {
	if s.PartitionBy != "" || s.PartitionOf != "" || t.PartitionBy != "" || t.PartitionOf != "" {
		return out
	}
	start := tableChangesFrom(out, s)
	drops := map[string]int{} // index definition key -> position of its drop
	for i := start; i < len(out); i++ {
		c := out[i]
		if idx, ok := c.From.(*engines.Index); ok && c.Kind == engines.KindIndex && c.Op == engines.Drop {
			if k := keyIndexShape(idx); k != "" {
				if _, dup := drops[k]; !dup {
					drops[k] = i
				}
			}
		}
	}
	if len(drops) == 0 {
		return out
	}
	removed := map[int]bool{}
	for i := start; i < len(out); i++ {
		c := out[i]
		con, ok := c.To.(*engines.Constraint)
		if !ok || c.Kind != engines.KindConstraint || c.Op != engines.Add ||
			(con.Kind != engines.PrimaryKey && con.Kind != engines.Unique) {
			continue
		}
		k := fmt.Sprintf("%q %q %v", con.Columns, con.Include, con.NullsNotDistinct)
		j, found := drops[k]
		if !found || removed[j] {
			continue
		}
		removed[j] = true
		c.From, c.Fields = out[j].From, []string{"using_index"}
	}
	if len(removed) == 0 {
		return out
	}
	kept := out[:start]
	for i := start; i < len(out); i++ {
		if !removed[i] {
			kept = append(kept, out[i])
		}
	}
	return kept
}

// keyIndexShape returns the comparison key of an index that can back a
// primary key or unique constraint (unique, btree, plain columns in default
// order, no predicate or storage options), "" for any other index.
func keyIndexShape(idx *engines.Index) string {
	// An INVALID index cannot back a constraint.
	if !idx.Unique || idx.Invalid || idx.Where != "" || (idx.Method != "" && idx.Method != "btree") || len(idx.Options) > 0 {
		return ""
	}
	var cols []string
	for _, part := range idx.Parts {
		if part.Column == "" || part.Expr != "" || part.Desc || part.NullsFirst != nil || part.OpClass != "" || part.Collation != "" {
			return ""
		}
		cols = append(cols, part.Column)
	}
	return fmt.Sprintf("%q %q %v", cols, idx.Include, idx.NullsNotDistinct)
}

// emitConstraintUsingIndex adds a constraint over an existing index, which
// it takes over and renames; no index is built.
func (p *planner) emitConstraintUsingIndex(c *engines.Change, idx *engines.Index) error {
	con := c.To.(*engines.Constraint)
	obj := c.Object()
	kind := "UNIQUE"
	var hazards []engines.Hazard
	if con.Kind == engines.PrimaryKey {
		kind = "PRIMARY KEY"
		hazards = append(hazards, hz(engines.HazardMayFailOnData, "%s fails if its columns hold nulls", obj))
	}
	sql := "ALTER TABLE " + qualify(c.Schema, c.Table) + " ADD CONSTRAINT " + quoteIdent(con.Name) + " " + kind +
		" USING INDEX " + quoteIdent(idx.Name)
	if con.Deferrable {
		sql += " DEFERRABLE"
		if con.InitiallyDeferred {
			sql += " INITIALLY DEFERRED"
		}
	}
	p.add(phAddConstraints, obj, sql, hazards...)
	if con.Comment != "" {
		p.comment(obj, constraintObject(c.Schema, c.Table, con.Name), con.Comment)
	}
	return nil
}

// policyBlocked reports whether a target policy reads a view, function or
// table that the plan drops or creates again before policies are created
// or altered: the server refuses those drops while the policy depends on
// them, so the policy must go first. (Tables that only go away are dropped
// at the end of a plan, after ALTER POLICY has let go of them.)
func (p *planner) policyBlocked(schema, table string, pol *engines.Policy) bool {
	if len(p.funcsReplaced) == 0 && len(p.tblReplaced) == 0 &&
		len(p.viewsRecreate) == 0 && len(p.tgt.views) == 0 {
		return false
	}
	for _, e := range []string{pol.Using, pol.WithCheck} {
		if e == "" {
			continue
		}
		for _, k := range p.tgt.namesIn(e, key(schema, table)) {
			if p.funcsReplaced[k] || p.tblReplaced[k] || p.viewsRecreate[k] ||
				(p.tgt.views[k] != nil && p.src.views[k] == nil) {
				return true
			}
		}
	}
	return false
}

// emitPolicyRecreates drops and creates again the unchanged policies of
// kept tables that read something the plan drops or recreates.
func (p *planner) emitPolicyRecreates(changes []*engines.Change) {
	handled := map[string]bool{}
	for _, c := range changes {
		if c.Kind == engines.KindPolicy {
			handled[key(c.Schema, c.Table)+"."+c.Name] = true
		}
	}
	for _, tk := range p.tgt.tableKeys {
		tt, st := p.tgt.tables[tk], p.src.tables[tk]
		if st == nil || len(tt.Policies) == 0 || p.tblReplaced[tk] {
			continue
		}
		for _, pol := range tt.Policies {
			if handled[tk+"."+pol.Name] || !p.policyBlocked(tt.Schema, tt.Name, pol) {
				continue
			}
			for _, spol := range st.Policies {
				if spol.Name == pol.Name {
					obj := "policy " + tk + "." + pol.Name
					p.add(phDropTriggers, obj, dropPolicySQL(tt.Schema, tt.Name, pol.Name), policyHazard(obj))
					p.add(phTriggers, obj, createPolicySQL(st.Schema, st.Name, spol), policyHazard(obj))
				}
			}
		}
	}
}
