package postgres

// Rewrite rules (CREATE RULE) on tables and views: parse, inspect, diff,
// DDL and dump. A rule is kept as its statement; two rules are the same
// when their statements, without the rule's name and relation, print the
// same through the normalizer or, failing that, when the target prints
// the source's as it prints its own. A changed rule is replaced with
// CREATE OR REPLACE RULE. ON SELECT rules (a view's _RETURN) are views.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

const classRule = 2618 // pg_rewrite

// ruleEvents names CmdType values of rule events.
var ruleEvents = map[pg_query.CmdType]string{
	pg_query.CmdType_CMD_INSERT: "INSERT", pg_query.CmdType_CMD_UPDATE: "UPDATE", pg_query.CmdType_CMD_DELETE: "DELETE",
}

// ruleEnabled maps pg_rewrite.ev_enabled and ALTER TABLE's rule commands
// to Rule.Enabled.
var ruleEnabled = map[string]string{"O": "", "D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}

// ruleFromStmt builds a rule from its statement, with its relation
// qualified.
func ruleFromStmt(rs *pg_query.RuleStmt) (*engines.Rule, error) {
	event, ok := ruleEvents[rs.Event]
	if !ok {
		return nil, errRuleOnSelect
	}
	rs.Replace = false
	rs.Relation.Schemaname, _ = rangeVarName(rs.Relation)
	def, err := deparseStmt(&pg_query.Node{Node: &pg_query.Node_RuleStmt{RuleStmt: rs}})
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", rs.Rulename, err)
	}
	return &engines.Rule{Name: rs.Rulename, Event: event, Definition: def}, nil
}

var errRuleOnSelect = fmt.Errorf("ON SELECT rules make views: write CREATE VIEW")

// ruleBody is a rule's statement without its name, its relation and OR
// REPLACE, for comparing rules of one relation; "" when it does not parse.
func ruleBody(def string) string {
	rs := parseRule(def)
	if rs == nil {
		return ""
	}
	rs.Rulename, rs.Relation, rs.Replace = "r", &pg_query.RangeVar{Relname: "t", Inh: true, Relpersistence: "p"}, false
	out, err := deparseStmt(&pg_query.Node{Node: &pg_query.Node_RuleStmt{RuleStmt: rs}})
	if err != nil {
		return ""
	}
	return out
}

func parseRule(def string) *pg_query.RuleStmt {
	tree, err := pg_query.Parse(def)
	if err != nil || len(tree.Stmts) != 1 {
		return nil
	}
	return tree.Stmts[0].Stmt.GetRuleStmt()
}

// ---- parse ----

func (p *parser) createRule(s stmtAt, rs *pg_query.RuleStmt) error {
	schema, rel := rangeVarName(rs.Relation)
	if rs.Event == pg_query.CmdType_CMD_SELECT {
		return p.unsupported(s, "CREATE RULE … ON SELECT")
	}
	list := p.relationRules(schema, rel)
	if list == nil {
		if v := p.findView(schema, rel); v != nil && v.Materialized {
			return fmt.Errorf("CREATE RULE %s: %s.%s is a materialized view, which takes no rules", rs.Rulename, schema, rel)
		}
		return fmt.Errorf("CREATE RULE %s: table or view %s.%s is not defined in the schema files", rs.Rulename, schema, rel)
	}
	if err := p.define(s, "rule", schema+"."+rel+"."+rs.Rulename); err != nil {
		return err
	}
	r, err := ruleFromStmt(rs)
	if err != nil {
		return err
	}
	*list = append(*list, r)
	return nil
}

// relationRules is the rule list of a table or view the files define.
func (p *parser) relationRules(schema, name string) *[]*engines.Rule {
	if t := p.findTable(schema, name); t != nil {
		return &t.Rules
	}
	if v := p.findView(schema, name); v != nil && !v.Materialized {
		return &v.Rules
	}
	return nil
}

func (p *parser) findRule(schema, rel, name string) *engines.Rule {
	if list := p.relationRules(schema, rel); list != nil {
		for _, r := range *list {
			if r.Name == name {
				return r
			}
		}
	}
	return nil
}

// setRuleEnabled applies ALTER TABLE ... ENABLE/DISABLE [REPLICA | ALWAYS]
// RULE name.
func setRuleEnabled(t *engines.Table, cmd *pg_query.AlterTableCmd) error {
	state := map[pg_query.AlterTableType]string{
		pg_query.AlterTableType_AT_EnableRule: "", pg_query.AlterTableType_AT_DisableRule: "DISABLE",
		pg_query.AlterTableType_AT_EnableReplicaRule: "ENABLE REPLICA", pg_query.AlterTableType_AT_EnableAlwaysRule: "ENABLE ALWAYS",
	}[cmd.Subtype]
	for _, r := range t.Rules {
		if r.Name == cmd.Name {
			r.Enabled = state
			return nil
		}
	}
	return fmt.Errorf("rule %q of table %s.%s is not defined in the schema files", cmd.Name, t.Schema, t.Name)
}

func isRuleEnableCmd(t pg_query.AlterTableType) bool {
	switch t {
	case pg_query.AlterTableType_AT_EnableRule, pg_query.AlterTableType_AT_DisableRule,
		pg_query.AlterTableType_AT_EnableReplicaRule, pg_query.AlterTableType_AT_EnableAlwaysRule:
		return true
	}
	return false
}

// alterTableTouchesRules reports whether an ALTER TABLE enables or
// disables a rule, which exists from pass 5 on.
func alterTableTouchesRules(at *pg_query.AlterTableStmt) bool {
	for _, c := range at.GetCmds() {
		if isRuleEnableCmd(c.GetAlterTableCmd().GetSubtype()) {
			return true
		}
	}
	return false
}

// ---- inspect ----

// qRules reads the rules of tables and views but the views' own _RETURN.
const qRules = `SELECT r.ev_class, pg_get_ruledef(r.oid), r.ev_enabled::text, r.oid
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v', 'f') AND ` + inScope + `
ORDER BY 1, r.rulename`

func (in *inspector) ruleRow(rows pgx.Rows) error {
	var (
		relid, oid uint32
		def, state string
	)
	if err := rows.Scan(&relid, &def, &state, &oid); err != nil {
		return err
	}
	var list *[]*engines.Rule
	if t := in.tables[relid]; t != nil {
		list = &t.Rules
	} else if v := in.views[relid]; v != nil {
		list = &v.Rules
	} else {
		return nil
	}
	rs := parseRule(def)
	if rs == nil {
		return fmt.Errorf("cannot read the server's rule %q", def)
	}
	r, err := ruleFromStmt(rs)
	if err != nil {
		return fmt.Errorf("rule %q: %w", def, err)
	}
	r.Enabled = ruleEnabled[state]
	r.Comment = in.comment(classRule, oid, 0)
	*list = append(*list, r)
	return nil
}

// ---- DDL ----

func createRuleSQL(r *engines.Rule, replace bool) string {
	def := trimStatement(r.Definition)
	if replace {
		def = "CREATE OR REPLACE " + strings.TrimPrefix(def, "CREATE ")
	}
	return def
}

func ruleObject(schema, rel, name string) string {
	return "RULE " + quoteIdent(name) + " ON " + qualify(schema, rel)
}

func ruleEnableSQL(schema, rel string, r *engines.Rule) string {
	verb := r.Enabled
	if verb == "" {
		verb = "ENABLE"
	}
	return "ALTER TABLE " + qualify(schema, rel) + " " + verb + " RULE " + quoteIdent(r.Name)
}

// dumpRules prints the rules of a relation with their states and comments.
func dumpRules(schema, rel string, rules []*engines.Rule) (stmts, comments []string) {
	for _, r := range sortedBy(rules, func(r *engines.Rule) string { return r.Name }) {
		stmts = append(stmts, createRuleSQL(r, false))
		if r.Enabled != "" {
			stmts = append(stmts, ruleEnableSQL(schema, rel, r))
		}
		if r.Comment != "" {
			comments = append(comments, commentSQL(ruleObject(schema, rel, r.Name), r.Comment))
		}
	}
	return stmts, comments
}

// ---- diff ----

// diffRules appends the rule changes of a table or view on both sides.
func (p *planner) diffRules(out []*engines.Change, schema, rel string, t, s []*engines.Rule) []*engines.Change {
	if len(t) == 0 && len(s) == 0 {
		return out
	}
	base := engines.Change{Kind: engines.KindRule, Schema: schema, Table: rel}
	n := len(out)
	out = diffByName(out, base, t, s, func(r *engines.Rule) (string, string) { return r.Name, r.Comment },
		func(a, b *engines.Rule) bool { return p.ruleEqual(schema, rel, a, b) })
	return withInPlace(out, n, base, t, s, func(r *engines.Rule) string { return r.Name }, "enabled",
		func(a, b *engines.Rule) bool { return a.Enabled != b.Enabled })
}

func (p *planner) ruleEqual(schema, rel string, a, b *engines.Rule) bool {
	if a.Event != b.Event {
		return false
	}
	ta, tb := ruleBody(a.Definition), ruleBody(b.Definition)
	if ta == "" || tb == "" {
		return false
	}
	if p.n.query(ta) == p.n.query(tb) {
		return true
	}
	as := p.serverAssist()
	if as == nil {
		return false
	}
	rs := parseRule(b.Definition)
	if rs == nil {
		return false
	}
	rs.Rulename, rs.Relation, rs.Replace = "schemasync_assist", &pg_query.RangeVar{Schemaname: "pg_temp", Relname: "schemasync_assist", Inh: true, Relpersistence: "p"}, false
	stmt, err := deparseStmt(&pg_query.Node{Node: &pg_query.Node_RuleStmt{RuleStmt: rs}})
	if err != nil {
		return false
	}
	printed, err := as.rule(p.ctx, schema, rel, stmt)
	if err != nil {
		return false
	}
	return p.n.query(ta) == p.n.query(ruleBody(printed))
}

// ruleBlocked reports whether a target rule reads a view, function or
// table the plan drops or creates again before rules are made: the server
// refuses those drops under the rule, so the rule goes first.
func (p *planner) ruleBlocked(schema, rel string, r *engines.Rule) bool {
	if len(p.funcsReplaced) == 0 && len(p.tblReplaced) == 0 && len(p.viewsRecreate) == 0 && len(p.tgt.views) == 0 {
		return false
	}
	for _, k := range p.tgt.namesIn(r.Definition, key(schema, rel)) {
		if p.funcsReplaced[k] || p.tblReplaced[k] || p.viewsRecreate[k] || (p.tgt.views[k] != nil && p.src.views[k] == nil) {
			return true
		}
	}
	return false
}

// emitRuleRecreates drops and creates again the unchanged rules of kept
// tables and views that read something the plan drops or recreates.
func (p *planner) emitRuleRecreates(changes []*engines.Change) {
	handled := map[string]bool{}
	for _, c := range changes {
		if c.Kind == engines.KindRule {
			handled[key(c.Schema, c.Table)+"."+c.Name] = true
		}
	}
	recreate := func(k, schema, rel string, tr, sr []*engines.Rule) {
		for _, r := range tr {
			if handled[k+"."+r.Name] || !p.ruleBlocked(schema, rel, r) {
				continue
			}
			for _, s := range sr {
				if s.Name == r.Name {
					obj := "rule " + k + "." + r.Name
					p.add(phDropTriggers, obj, dropRuleSQL(schema, rel, r.Name))
					p.createRule(obj, schema, rel, s, false)
				}
			}
		}
	}
	for _, k := range p.tgt.tableKeys {
		if tt, st := p.tgt.tables[k], p.src.tables[k]; st != nil && len(tt.Rules) > 0 && !p.tblReplaced[k] {
			recreate(k, tt.Schema, tt.Name, tt.Rules, st.Rules)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(p.tgt.views)) {
		if tv, sv := p.tgt.views[k], p.src.views[k]; sv != nil && len(tv.Rules) > 0 && !p.viewsRecreate[k] {
			recreate(k, tv.Schema, tv.Name, tv.Rules, sv.Rules)
		}
	}
}

func dropRuleSQL(schema, rel, name string) string {
	return "DROP RULE " + quoteIdent(name) + " ON " + qualify(schema, rel)
}

// emitRule plans one rule change. Rules go after the views they may read
// and before what they read is dropped.
func (p *planner) emitRule(c *engines.Change) error {
	obj := c.Object()
	has := func(f string) bool { return slices.Contains(c.Fields, f) }
	if p.viewsRecreate[key(c.Schema, c.Table)] {
		return nil // created again with its view (emitViewTriggers)
	}
	switch c.Op {
	case engines.Drop:
		p.add(phDropTriggers, obj, dropRuleSQL(c.Schema, c.Table, c.Name))
		return nil
	case engines.Add:
		p.createRule(obj, c.Schema, c.Table, c.To.(*engines.Rule), false)
		return nil
	}
	from, to := c.From.(*engines.Rule), c.To.(*engines.Rule)
	if p.ruleBlocked(c.Schema, c.Table, from) {
		// What it reads goes first: CREATE OR REPLACE or ALTER would come too late.
		p.add(phDropTriggers, obj, dropRuleSQL(c.Schema, c.Table, c.Name))
		p.createRule(obj, c.Schema, c.Table, to, false)
		return nil
	}
	if c.Op == engines.Replace {
		p.createRule(obj, c.Schema, c.Table, to, true)
		if from.Enabled != "" && to.Enabled == "" {
			p.add(phTriggers, obj, ruleEnableSQL(c.Schema, c.Table, to)) // CREATE OR REPLACE keeps the state
		}
		return nil
	}
	if has("enabled") {
		p.add(phTriggers, obj, ruleEnableSQL(c.Schema, c.Table, to))
	}
	if has("comment") {
		p.comment(obj, ruleObject(c.Schema, c.Table, to.Name), to.Comment)
	}
	return nil
}

// createRule plans a rule with its state and comment.
func (p *planner) createRule(obj, schema, rel string, r *engines.Rule, replace bool) {
	p.add(phTriggers, obj, createRuleSQL(r, replace))
	if r.Enabled != "" {
		p.add(phTriggers, obj, ruleEnableSQL(schema, rel, r))
	}
	if r.Comment != "" {
		p.comment(obj, ruleObject(schema, rel, r.Name), r.Comment)
	}
}

// newRules plans the rules of a relation the plan creates.
func (p *planner) newRules(schema, rel string, rules []*engines.Rule) {
	for _, r := range rules {
		p.createRule("rule "+key(schema, rel)+"."+r.Name, schema, rel, r, false)
	}
}

// rule returns how the server prints a rule statement made on a temporary
// copy of the relation schema.rel (stmt names pg_temp.schemasync_assist).
func (a *serverAssist) rule(ctx context.Context, schema, rel, stmt string) (string, error) {
	key := strings.Join([]string{"rule", schema, rel, stmt}, "\x00")
	if s, ok := a.cache[key]; ok {
		return s, nil
	}
	s, err := a.ask(ctx, "SELECT pg_get_ruledef(oid) FROM pg_catalog.pg_rewrite WHERE ev_class = pg_catalog.to_regclass('pg_temp.schemasync_assist') AND rulename = 'schemasync_assist'",
		"CREATE TEMPORARY TABLE schemasync_assist (LIKE "+qualify(schema, rel)+")", stmt)
	if err != nil {
		return "", err
	}
	a.cache[key] = s
	return s, nil
}
