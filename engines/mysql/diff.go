package mysql

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// plan computes the changes that turn target into source and their DDL.
func plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions, e *Engine) (*engines.Plan, error) {
	flavor, ok := recordedFlavor(target)
	if !ok {
		flavor = e.flavorOf(source)
	}
	tgt, err := resolved(target, source, flavor)
	if err != nil {
		return nil, err
	}
	src, err := resolved(source, target, flavor)
	if err != nil {
		return nil, err
	}
	if err := lackedBy(schemaOf(src), flavor); err != nil {
		return nil, err
	}
	d := &differ{flavor: flavor, plan: &engines.Plan{Engine: e.name}, opts: opts, ctx: ctx, tableWas: map[string]string{}}
	// ALGORITHM= clauses only for a live target, whose server is known.
	d.algorithms = ok && !opts.Online.Off && flavor.AlgorithmClauses()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.plan.Notes = adjustForFlavor(schemaOf(tgt), schemaOf(src), flavor)
	if flavor.CheckNamesPerSchema() {
		uniqueCheckNames(schemaOf(tgt), schemaOf(src))
	}
	if err := d.planRenames(tgt, src); err != nil {
		return nil, err
	}
	d.prepareTiDB(schemaOf(tgt), schemaOf(src))
	d.run(schemaOf(tgt), schemaOf(src))
	if set := lockWaitStatement(flavor, ok, opts.Online); set != nil && len(d.plan.Statements) > 0 {
		d.plan.Statements = append([]*engines.Statement{set}, d.plan.Statements...)
	}
	return d.plan, nil
}

func schemaOf(db *engines.Database) *engines.Schema {
	if db == nil || len(db.Schemas) == 0 {
		return &engines.Schema{}
	}
	return db.Schemas[0]
}

// resolved returns a copy of db with what tables inherit made explicit:
// table charset and collation (from the database's defaults, or the other
// side's when this side is files), and column charsets and collations
// (cleared where they equal the table's).
func resolved(db, other *engines.Database, f Flavor) (*engines.Database, error) {
	out := &engines.Database{Engine: "mysql"}
	if db != nil {
		out = db.Clone()
	}
	if len(out.Schemas) > 1 {
		return nil, fmt.Errorf("mysql: a model holds one database, got %d schemas", len(out.Schemas))
	}
	s := out.EnsureSchema("")
	cs, co := s.Options["charset"], s.Options["collation"]
	if cs == "" {
		o := schemaOf(other)
		cs, co = o.Options["charset"], o.Options["collation"]
	}
	if cs == "" {
		cs = "utf8mb4"
		co = f.DefaultCollation(cs)
	}
	if co == "" {
		co = f.DefaultCollation(cs)
	}
	fromFiles := s.Options["flavor"] == ""
	for _, t := range s.Tables {
		if t.Options == nil {
			t.Options = map[string]string{}
		}
		if fromFiles && f.JSONAlias() {
			// Files may spell MariaDB's json the way the server prints it.
			foldJSON(t)
		}
		if f.MariaDB {
			inlineColumnChecks(t)
		} else {
			tableLevelChecks(t)
		}
		actionsAsDefault(t, f)
		settleVisibility(t, f)
		switch {
		case t.Options["COLLATE"] != "":
			t.Options["CHARSET"] = CharsetOf(t.Options["COLLATE"])
		case t.Options["CHARSET"] != "":
			t.Options["COLLATE"] = f.DefaultCollation(t.Options["CHARSET"])
		default:
			t.Options["CHARSET"], t.Options["COLLATE"] = cs, co
		}
		for _, c := range t.Columns {
			if !f.KeepsDisplayWidth() {
				c.Type = withoutDisplayWidth(c.Type)
			}
			if fromFiles && !f.HasSRID() {
				if i := strings.Index(c.Type, " srid "); i > 0 {
					c.Type = c.Type[:i]
				}
			}
			if c.Collation == "" && c.Charset != "" {
				c.Collation = f.DefaultCollation(c.Charset)
			}
			if c.Collation != "" {
				c.Charset = CharsetOf(c.Collation)
			}
			if c.Collation == t.Options["COLLATE"] || !isTextType(c.Type) {
				c.Charset, c.Collation = "", ""
			}
		}
	}
	return out, nil
}

// actionsAsDefault folds a foreign key's action that is the flavor's
// default, which its catalog does not tell apart from none, into "":
// RESTRICT on MariaDB, NO ACTION on MySQL and TiDB.
func actionsAsDefault(t *engines.Table, f Flavor) {
	def := "NO ACTION"
	if f.MariaDB {
		def = "RESTRICT"
	}
	for _, c := range t.Constraints {
		if c.Kind != engines.ForeignKey {
			continue
		}
		if c.OnDelete == def {
			c.OnDelete = ""
		}
		if c.OnUpdate == def {
			c.OnUpdate = ""
		}
	}
}

// uniqueCheckNames renames the source's checks whose names another table
// has, in the source or the target, for a server whose check names are
// per database: files are read by MariaDB's names, which are per table
// (every table's first unnamed check is CONSTRAINT_1, a LIKE copy keeps
// its source's names), and such a server refuses a name twice. A check
// keeps its name where the target has it on the same table, else on the
// first table by name; the others take the name the server gives an
// unnamed check (t_chk_N, the first N free). Plan matches checks by
// expression, so a renamed check that the target has stays as it is. The
// names of target tables the source drops are free.
func uniqueCheckNames(tgt, src *engines.Schema) {
	owner := map[string]string{} // lower-case check name -> table
	used := map[string]bool{}    // every check name, lower case
	for _, s := range []*engines.Schema{tgt, src} {
		for _, t := range s.Tables {
			if s == tgt && src.Table(t.Name) == nil && !slices.ContainsFunc(src.Tables, func(x *engines.Table) bool { return strings.EqualFold(x.Name, t.Name) }) {
				continue // dropped before the plan makes tables: its names are free
			}
			for _, c := range t.Constraints {
				if c.Kind != engines.Check {
					continue
				}
				if s == tgt {
					owner[strings.ToLower(c.Name)] = t.Name
				}
				used[strings.ToLower(c.Name)] = true
			}
		}
	}
	tables := slices.SortedFunc(slices.Values(src.Tables), func(a, b *engines.Table) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range tables {
		n := 0
		for _, c := range t.Constraints {
			if c.Kind != engines.Check {
				continue
			}
			key := strings.ToLower(c.Name)
			if o, ok := owner[key]; !ok || o == t.Name {
				owner[key] = t.Name
				continue
			}
			for {
				n++
				name := fmt.Sprintf("%s_chk_%d", t.Name, n)
				if k := strings.ToLower(name); !used[k] {
					c.Name, used[k], owner[k] = name, true, t.Name
					break
				}
			}
		}
	}
}

type differ struct {
	flavor Flavor
	plan   *engines.Plan
	opts   engines.PlanOptions
	ctx    context.Context
	// algorithms says whether ALTERs name their algorithm (online.go);
	// rowVersions holds the target's instant row versions by table, read
	// once when first needed; tableWas the old names of renamed tables.
	algorithms      bool
	rowVersions     map[string]int
	rowVersionsRead bool
	tableWas        map[string]string
	// tgt and src are the sides being compared; tidbRebuilds names (lower
	// case) the tables TiDB cannot ALTER into shape (tidb.go).
	tgt, src     *engines.Schema
	tidbRebuilds map[string]bool
	// phases of statements, run in this order.
	renames, dropViews, dropCode, dropFKs, dropTables, createCode, createTables, alterTables, addFKs, views, triggers []*engines.Statement
	// danglingFKs add foreign keys that reference a table of the database
	// the desired schema does not define (danglingRef).
	danglingFKs []*engines.Statement
}

func (d *differ) change(c *engines.Change) { d.plan.Changes = append(d.plan.Changes, c) }

func stmt(sql, object string, hazards ...engines.Hazard) *engines.Statement {
	return &engines.Statement{SQL: sql, Object: object, Hazards: hazards}
}

func hazard(kind engines.HazardKind, msg string) engines.Hazard {
	return engines.Hazard{Kind: kind, Message: msg}
}

func (d *differ) run(tgt, src *engines.Schema) {
	d.tables(tgt, src)
	d.viewsDiff(tgt, src)
	d.routines(tgt, src)
	d.events(tgt, src)
	if len(d.danglingFKs) > 0 {
		// The server refuses such a key while it checks foreign keys;
		// schema files that hold one were loaded with the checks off.
		d.addFKs = append(d.addFKs, stmt("SET SESSION foreign_key_checks = 0", "session"))
		d.addFKs = append(d.addFKs, d.danglingFKs...)
		d.addFKs = append(d.addFKs, stmt("SET SESSION foreign_key_checks = 1", "session"))
	}
	for _, phase := range [][]*engines.Statement{d.renames, d.dropViews, d.dropCode, d.dropFKs, d.dropTables, d.createCode,
		d.createTables, d.alterTables, d.addFKs, d.views, d.triggers} {
		d.plan.Statements = append(d.plan.Statements, phase...)
	}
}

// danglingRef reports whether foreign key c references a table of this
// database that the desired schema does not define.
func (d *differ) danglingRef(c *engines.Constraint) bool {
	if c.RefSchema != "" || d.src == nil {
		return false
	}
	for _, t := range d.src.Tables {
		if t.Name == c.RefTable {
			return false
		}
	}
	return true
}

// addFKStatements plans the clauses adding foreign keys to a table: those
// that reference an undefined table apart (danglingFKs).
func (d *differ) addFKStatements(table string, clauses []clause, fks []*engines.Constraint) {
	var ok, dangling []clause
	for i, c := range clauses {
		if fks[i] != nil && d.danglingRef(fks[i]) {
			c.hazards = append(c.hazards, hazard(engines.HazardMayFailOnData, fmt.Sprintf(
				"foreign key %s references table %s, which the schema does not define: added with foreign_key_checks off, as the schema files must have been loaded",
				fks[i].Name, fks[i].RefTable)))
			dangling = append(dangling, c)
		} else {
			ok = append(ok, c)
		}
	}
	d.addFKs = append(d.addFKs, d.alterStatements(table, ok)...)
	d.danglingFKs = append(d.danglingFKs, d.alterStatements(table, dangling)...)
}

func tableMap(s *engines.Schema) map[string]*engines.Table {
	m := map[string]*engines.Table{}
	for _, t := range s.Tables {
		m[t.Name] = t
	}
	return m
}

func (d *differ) tables(tgt, src *engines.Schema) {
	tm, sm := tableMap(tgt), tableMap(src)
	// Dropped tables, children before the parents they reference.
	var dropped []*engines.Table
	for _, t := range tgt.Tables {
		if sm[t.Name] == nil {
			dropped = append(dropped, t)
		}
	}
	for _, t := range orderForDrop(dropped) {
		d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindTable, Name: t.Name, From: t})
		d.dropTables = append(d.dropTables, stmt("DROP TABLE "+quoteIdent(t.Name), "table "+t.Name,
			hazard(engines.HazardDeletesData, "drops table "+t.Name+" and all its rows")))
		for _, tr := range t.Triggers {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindTrigger, Table: t.Name, Name: tr.Name, From: tr})
		}
	}
	for _, t := range src.Tables {
		old := tm[t.Name]
		if old == nil {
			d.change(&engines.Change{Op: engines.Add, Kind: engines.KindTable, Name: t.Name, To: t})
			d.createTables = append(d.createTables, stmt(createTableSQL(t, d.flavor, false), "table "+t.Name))
			var fks []clause
			var cons []*engines.Constraint
			for _, c := range t.Constraints {
				if c.Kind == engines.ForeignKey {
					fks = append(fks, cl("ADD "+constraintSQL(c)))
					cons = append(cons, c)
				}
			}
			d.addFKStatements(t.Name, fks, cons)
			for _, tr := range t.Triggers {
				d.change(&engines.Change{Op: engines.Add, Kind: engines.KindTrigger, Table: t.Name, Name: tr.Name, To: tr})
				d.triggers = append(d.triggers, stmt(triggerSQL(t.Name, tr), "trigger "+tr.Name))
			}
			continue
		}
		d.alterTable(old, t)
	}
}

// orderForDrop orders tables so that a table is dropped before the tables
// its foreign keys reference.
func orderForDrop(tables []*engines.Table) []*engines.Table {
	set := map[string]*engines.Table{}
	for _, t := range tables {
		set[t.Name] = t
	}
	var out []*engines.Table
	state := map[string]int{}
	var visit func(t *engines.Table)
	// Visit referencing tables first: a table goes out after every table
	// that references it.
	referencedBy := map[string][]*engines.Table{}
	for _, t := range tables {
		for _, c := range t.Constraints {
			if c.Kind == engines.ForeignKey && set[c.RefTable] != nil && c.RefTable != t.Name {
				referencedBy[c.RefTable] = append(referencedBy[c.RefTable], t)
			}
		}
	}
	visit = func(t *engines.Table) {
		if state[t.Name] != 0 {
			return
		}
		state[t.Name] = 1
		for _, child := range referencedBy[t.Name] {
			visit(child)
		}
		state[t.Name] = 2
		out = append(out, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return out
}

func alterSQL(table string, clauses []string) string {
	return "ALTER TABLE " + quoteIdent(table) + "\n  " + strings.Join(clauses, ",\n  ")
}

// clause is one clause of an ALTER TABLE, the hazards it brings, and what
// it does, for choosing the statement's algorithm (online.go); op is nil
// for clauses on a table the plan creates.
type clause struct {
	sql     string
	hazards []engines.Hazard
	op      *AlterOp
}

func cl(sql string, hz ...engines.Hazard) clause { return clause{sql: sql, hazards: hz} }

// with describes what the clause does.
func (c clause) with(op AlterOp) clause {
	c.op = &op
	return c
}

// alterStatements turns the clauses of a table's ALTER into statements: as
// few as the algorithms allow (onlineStatements) where the flavor takes
// many changes at once, else one statement per clause, in order
// (Flavor.OneChangePerAlter).
func (d *differ) alterStatements(table string, clauses []clause) []*engines.Statement {
	if len(clauses) == 0 {
		return nil
	}
	if d.flavor.OneChangePerAlter() {
		out := make([]*engines.Statement, 0, len(clauses))
		for i := range clauses {
			out = append(out, d.onlineStatements(table, clauses[i:i+1])...)
		}
		return out
	}
	return d.onlineStatements(table, clauses)
}

// effective is a column's character set and collation after inheritance.
func effective(c *engines.Column, t *engines.Table) (string, string) {
	if !isTextType(c.Type) {
		return "", ""
	}
	if c.Collation != "" {
		return c.Charset, c.Collation
	}
	return t.Options["CHARSET"], t.Options["COLLATE"]
}

// columnDiff names the fields of a column that differ.
func columnDiff(a *engines.Column, at *engines.Table, b *engines.Column, bt *engines.Table) []string {
	var f []string
	if a.Type != b.Type {
		f = append(f, "type")
	}
	_, ac := effective(a, at)
	_, bc := effective(b, bt)
	if ac != bc {
		f = append(f, "collation")
	}
	if a.NotNull != b.NotNull {
		f = append(f, "not_null")
	}
	if a.Default != b.Default {
		f = append(f, "default")
	}
	if a.OnUpdate != b.OnUpdate {
		f = append(f, "on_update")
	}
	if a.AutoIncrement != b.AutoIncrement {
		f = append(f, "auto_increment")
	}
	if a.Generated != b.Generated || a.GeneratedStored != b.GeneratedStored {
		f = append(f, "generated")
	}
	if a.Comment != b.Comment {
		f = append(f, "comment")
	}
	if a.Options[optAutoRandom] != b.Options[optAutoRandom] {
		f = append(f, "auto_random")
	}
	if a.Options[optColumnCheck] != b.Options[optColumnCheck] {
		f = append(f, "check")
	}
	if a.Options[optInvisible] != b.Options[optInvisible] {
		f = append(f, "visibility")
	}
	return f
}

// pinned returns the column with its effective charset and collation
// written out, so that MODIFY never depends on the table default.
func pinned(c *engines.Column, t *engines.Table) *engines.Column {
	cp := *c
	cp.Charset, cp.Collation = effective(c, t)
	return &cp
}

func (d *differ) alterTable(old, t *engines.Table) {
	if d.tidbRebuilds[strings.ToLower(t.Name)] {
		d.rebuildTable(old, t, tidbRebuildReason(old, t))
		return
	}
	d.tidbPrelude(old, t)
	// The clauses of the table's ALTER, in this order: drops, column adds
	// and changes, key adds, visibility, check adds, table options.
	var drops, cols, adds, lateDrops []clause
	name := t.Name

	// Checks: matched by name, then by expression (implicit names differ
	// between MySQL and MariaDB).
	oldChecks, newChecks := map[string]*engines.Constraint{}, map[string]*engines.Constraint{}
	for _, c := range old.Constraints {
		if c.Kind == engines.Check {
			oldChecks[strings.ToLower(c.Name)] = c
		}
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.Check {
			newChecks[strings.ToLower(c.Name)] = c
		}
	}
	for k, nc := range newChecks {
		if oc := oldChecks[k]; oc != nil && oc.Check == nc.Check && oc.NotEnforced == nc.NotEnforced && oc.Name == nc.Name {
			delete(oldChecks, k)
			delete(newChecks, k)
		}
	}
	// A check of the same expression under another name is the same one
	// when the files leave it unnamed (the servers name such checks each
	// their own way); a name the files give, differing even in case only,
	// is the catalog's to show: the check is dropped and added (no server
	// renames a check).
	for _, k := range sortedCheckKeys(newChecks) {
		nc := newChecks[k]
		for _, ok := range sortedCheckKeys(oldChecks) {
			oc := oldChecks[ok]
			if oc.Check == nc.Check && oc.NotEnforced == nc.NotEnforced && ok != k && checkUnnamed(t, nc, d.flavor) {
				delete(oldChecks, ok)
				delete(newChecks, k)
				break
			}
		}
	}
	var checkDrops []clause
	for _, k := range sortedCheckKeys(oldChecks) {
		c := oldChecks[k]
		d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindConstraint, Table: name, Name: c.Name, From: c})
		checkDrops = append(checkDrops, cl(d.flavor.DropCheck(c.Name)).with(AlterOp{Kind: OpDropCheck, Table: old, Name: c.Name}))
	}
	// A check dropped and added again under the same name needs two statements on MariaDB.
	d.alterTables = append(d.alterTables, d.alterStatements(name, checkDrops)...)

	// Foreign keys: changed ones are dropped early and added late.
	oldFK, newFK := fkMap(old), fkMap(t)
	var fkDrops, fkAdds []clause
	var fkAddCons []*engines.Constraint // the key each of fkAdds adds, nil for index clauses
	for _, k := range sortedFKKeys(oldFK) {
		oc := oldFK[k]
		if nc := newFK[k]; nc == nil || !fkEqual(oc, nc) {
			if nc == nil {
				d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindConstraint, Table: name, Name: oc.Name, From: oc})
			}
			fkDrops = append(fkDrops, cl("DROP FOREIGN KEY "+quoteIdent(oc.Name)).with(AlterOp{Kind: OpDropForeignKey, Table: old, Name: oc.Name}))
		}
	}
	for _, k := range sortedFKKeys(newFK) {
		nc := newFK[k]
		oc := oldFK[k]
		if oc == nil || !fkEqual(oc, nc) {
			op := engines.Add
			if oc != nil {
				op = engines.Alter
			}
			d.change(&engines.Change{Op: op, Kind: engines.KindConstraint, Table: name, Name: nc.Name, From: oc, To: nc})
			if ix := implicitFKIndex(old, t, nc); ix != nil {
				// A named foreign key replaces an index the server made on
				// its own for an earlier one by an index named after the
				// constraint; made again here, the index is the table's own
				// and keeps its name.
				fkAdds = append(fkAdds, cl("DROP INDEX "+quoteIdent(ix.Name)).with(AlterOp{Kind: OpDropIndex, Table: old, Index: ix}),
					cl("ADD "+indexSQL(ix, d.flavor)).with(AlterOp{Kind: OpAddIndex, Table: old, Index: ix}))
				fkAddCons = append(fkAddCons, nil, nil)
			}
			fkAdds = append(fkAdds, cl("ADD "+constraintSQL(nc),
				hazard(engines.HazardMayFailOnData, "adding a foreign key fails if existing rows violate it")).with(AlterOp{Kind: OpAddForeignKey, Table: old, Name: nc.Name}))
			fkAddCons = append(fkAddCons, nc)
		}
	}
	d.dropFKs = append(d.dropFKs, d.alterStatements(name, fkDrops)...)
	d.addFKStatements(name, fkAdds, fkAddCons)

	// Indexes.
	oldIx, newIx := map[string]*engines.Index{}, map[string]*engines.Index{}
	for _, ix := range old.Indexes {
		oldIx[strings.ToLower(ix.Name)] = ix
	}
	for _, ix := range t.Indexes {
		newIx[strings.ToLower(ix.Name)] = ix
	}
	var visibility []clause
	for _, ix := range old.Indexes {
		n := newIx[strings.ToLower(ix.Name)]
		if n != nil && !indexEqual(ix, n) && onlyVisibilityDiffers(ix, n) {
			// Drop and add of an identical key would not change it: alter it in place.
			kw := d.flavor.InvisibleIndexKeyword()
			if n.Options["invisible"] != "true" {
				kw = d.flavor.VisibleIndexKeyword()
			}
			visibility = append(visibility, cl("ALTER INDEX "+quoteIdent(ix.Name)+" "+kw).with(AlterOp{Kind: OpIndexVisibility, Table: old, Index: ix}))
			d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindIndex, Table: name, Name: ix.Name, Fields: []string{"visibility"}, From: ix, To: n})
			delete(oldIx, strings.ToLower(ix.Name))
			delete(newIx, strings.ToLower(ix.Name))
			continue
		}
		if n != nil && indexEqual(ix, n) && ix.Name != n.Name {
			// The same index, its name written in another case.
			d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindIndex, Table: name, Name: n.Name, Fields: []string{"name"}, From: ix, To: n})
			adds = append(adds, cl("RENAME INDEX "+quoteIdent(ix.Name)+" TO "+quoteIdent(n.Name)).with(AlterOp{Kind: OpRenameIndex, Table: old, Index: ix}))
			continue
		}
		if n == nil || !indexEqual(ix, n) {
			if n == nil {
				d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindIndex, Table: name, Name: ix.Name, From: ix})
			}
			drop := cl("DROP INDEX "+quoteIdent(ix.Name), hazard(engines.HazardIndexDropped, "drops index "+ix.Name)).with(AlterOp{Kind: OpDropIndex, Table: old, Index: ix})
			if n == nil && d.flavor.OneChangePerAlter() && servesFK(t, ix) {
				// One change per statement: the index a foreign key needs
				// goes once the one that replaces it is there.
				lateDrops = append(lateDrops, drop)
			} else {
				drops = append(drops, drop)
			}
		}
	}
	for _, ix := range t.Indexes {
		o := oldIx[strings.ToLower(ix.Name)]
		if o == nil && indexByName(old, ix.Name) != nil {
			continue // altered in place above
		}
		if o == nil || !indexEqual(o, ix) {
			op := engines.Add
			if o != nil {
				op = engines.Alter
			}
			d.change(&engines.Change{Op: op, Kind: engines.KindIndex, Table: name, Name: ix.Name, From: o, To: ix})
			hz := []engines.Hazard{hazard(engines.HazardIndexBuild, "builds index "+ix.Name)}
			if ix.Unique {
				hz = append(hz, hazard(engines.HazardMayFailOnData, "unique index "+ix.Name+" fails on duplicate rows"))
			}
			adds = append(adds, cl("ADD "+indexSQL(ix, d.flavor), hz...).with(AlterOp{Kind: OpAddIndex, Table: old, Index: ix}))
		}
	}

	// Primary key.
	opk, npk := primaryKey(old), primaryKey(t)
	if !pkEqual(opk, npk) {
		if opk != nil {
			drops = append(drops, cl("DROP PRIMARY KEY").with(AlterOp{Kind: OpDropPrimaryKey, Table: old}))
		}
		if npk != nil {
			adds = append([]clause{cl("ADD "+constraintSQL(npk),
				hazard(engines.HazardIndexBuild, "builds the primary key's index"),
				hazard(engines.HazardMayFailOnData, "the primary key fails on duplicate or NULL values")).with(AlterOp{Kind: OpAddPrimaryKey, Table: old})}, adds...)
		}
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindConstraint, Table: name, Name: "PRIMARY", From: opk, To: npk})
	}

	// Columns: drops, then adds and changes in the source's order with
	// FIRST/AFTER wherever the resulting order would differ.
	var current []string
	for _, c := range old.Columns {
		if columnCI(t, c.Name) == nil {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindColumn, Table: name, Name: c.Name, From: c})
			drops = append(drops, cl("DROP COLUMN "+quoteIdent(c.Name), hazard(engines.HazardDeletesData, "drops column "+c.Name+" and its data")).with(AlterOp{Kind: OpDropColumn, Table: old, Column: c}))
			continue
		}
		current = append(current, strings.ToLower(c.Name))
	}
	for i, c := range t.Columns {
		pos := " FIRST"
		prev := ""
		if i > 0 {
			prev = strings.ToLower(t.Columns[i-1].Name)
			pos = " AFTER " + quoteIdent(t.Columns[i-1].Name)
		}
		key := strings.ToLower(c.Name)
		at := indexOf(current, key)
		oc := columnCI(old, c.Name)
		if oc == nil {
			d.change(&engines.Change{Op: engines.Add, Kind: engines.KindColumn, Table: name, Name: c.Name, To: c})
			add := cl("ADD COLUMN " + columnSQL(c, d.flavor, true))
			last := i == len(t.Columns)-1 && len(current) == i
			if !last {
				add.sql += pos
			}
			add = add.with(AlterOp{Kind: OpAddColumn, Table: old, Column: c, Last: last, AtEnd: len(current) == i})
			if c.NotNull && c.Default == "" && !c.AutoIncrement && c.Generated == "" {
				add.hazards = append(add.hazards, hazard(engines.HazardMayFailOnData, "NOT NULL column "+c.Name+" without a default"))
			}
			cols = append(cols, add)
			current = insertAfter(current, prev, key)
			continue
		}
		fields := columnDiff(oc, old, c, t)
		moved := (i == 0 && at != 0) || (i > 0 && (at <= 0 || current[at-1] != prev))
		recased := oc.Name != c.Name && d.recasesColumn(old, oc.Name)
		if len(fields) == 0 && !moved && !recased {
			continue
		}
		if recased && len(fields) == 0 && !moved {
			// Names are case-insensitive, but the catalog keeps the case
			// they were written in.
			d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Table: name, Name: c.Name, Fields: []string{"name"}, From: oc, To: c})
			cols = append(cols, cl("RENAME COLUMN "+quoteIdent(oc.Name)+" TO "+quoteIdent(c.Name)).with(
				AlterOp{Kind: OpRenameColumn, Table: old, From: oc, Column: c}))
			continue
		}
		if generationChanges(oc, c) && !regeneratedInPlace(oc, c, d.flavor) {
			// The servers cannot make these changes in place: drop the
			// column and add it again where it belongs.
			d.change(&engines.Change{Op: engines.Replace, Kind: engines.KindColumn, Table: name, Name: c.Name, Fields: fields, From: oc, To: c})
			var hz []engines.Hazard
			if oc.Generated == "" || c.Generated == "" {
				hz = append(hz, hazard(engines.HazardDeletesData, "column "+c.Name+" is dropped and added again: its values are lost"))
			}
			drops = append(drops, cl("DROP COLUMN "+quoteIdent(c.Name), hz...).with(AlterOp{Kind: OpDropColumn, Table: old, Column: oc}))
			cols = append(cols, cl("ADD COLUMN "+columnSQL(c, d.flavor, true)+pos).with(AlterOp{Kind: OpAddColumn, Table: old, Column: c, AtEnd: len(current) == i+1}))
			current = append(current[:at], current[at+1:]...)
			current = insertAfter(current, prev, key)
			continue
		}
		def := c
		if c.Collation != "" || old.Options["COLLATE"] != t.Options["COLLATE"] {
			// Pinned, so that the column does not take a table default
			// this ALTER changes. A column that keeps its table's says
			// none, as it was written: Oracle MySQL prints a charset
			// given in the column's definition ever after.
			def = pinned(c, t)
		}
		modify := cl("MODIFY COLUMN " + columnSQL(def, d.flavor, true))
		if recased {
			modify.sql = "CHANGE COLUMN " + quoteIdent(oc.Name) + " " + columnSQL(def, d.flavor, true)
			fields = append(fields, "name")
		}
		if moved {
			modify.sql += pos
			fields = append(fields, "position")
			current = append(current[:at], current[at+1:]...)
			current = insertAfter(current, prev, key)
		}
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Table: name, Name: c.Name, Fields: fields, From: oc, To: c})
		modify = modify.with(AlterOp{Kind: OpModifyColumn, Table: old, From: pinned(oc, old), Column: pinned(c, t), Fields: fields})
		for _, f := range fields {
			switch f {
			case "type", "collation":
				// Whether it copies the table is the algorithm's to say.
				if f == "collation" || !typeWidened(oc, old, c, t) {
					modify.hazards = append(modify.hazards, hazard(engines.HazardMayFailOnData, "existing values of "+c.Name+" may not fit the new type"))
				}
			case "generated":
				if oc.Generated == "" {
					modify.hazards = append(modify.hazards, hazard(engines.HazardDeletesData, "column "+c.Name+" becomes generated: its values are replaced by the expression's"))
				}
			case "check":
				if ck := c.Options[optColumnCheck]; ck != "" {
					modify.hazards = append(modify.hazards, hazard(engines.HazardMayFailOnData, "check of column "+c.Name+" fails if existing rows violate it"))
				}
			case "not_null":
				if c.NotNull {
					modify.hazards = append(modify.hazards, hazard(engines.HazardMayFailOnData, "column "+c.Name+" becomes NOT NULL: fails on NULL values"))
				}
			}
		}
		cols = append(cols, modify)
	}

	// Checks to add.
	var checkAdds []clause
	for _, k := range sortedCheckKeys(newChecks) {
		c := newChecks[k]
		d.change(&engines.Change{Op: engines.Add, Kind: engines.KindConstraint, Table: name, Name: c.Name, To: c})
		checkAdds = append(checkAdds, cl("ADD "+constraintSQL(c), hazard(engines.HazardMayFailOnData, "check "+c.Name+" fails if existing rows violate it")).with(AlterOp{Kind: OpAddCheck, Table: old, Name: c.Name}))
	}

	// Table options.
	var opts []clause
	if old.Options["ENGINE"] != t.Options["ENGINE"] {
		e := t.Options["ENGINE"]
		if e == "" {
			e = "InnoDB"
		}
		opts = append(opts, cl("ENGINE="+e).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{"engine"}}))
	}
	if old.Options["COLLATE"] != t.Options["COLLATE"] {
		opts = append(opts, cl("DEFAULT CHARSET="+t.Options["CHARSET"]+" COLLATE="+t.Options["COLLATE"]).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{"charset"}}))
	}
	if old.Options["ROW_FORMAT"] != t.Options["ROW_FORMAT"] {
		rf := t.Options["ROW_FORMAT"]
		if rf == "" {
			rf = "DEFAULT"
		}
		opts = append(opts, cl("ROW_FORMAT="+rf).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{"row_format"}}))
	}
	if old.Options["KEY_BLOCK_SIZE"] != t.Options["KEY_BLOCK_SIZE"] {
		kbs := t.Options["KEY_BLOCK_SIZE"]
		if kbs == "" {
			kbs = "0"
		}
		opts = append(opts, cl("KEY_BLOCK_SIZE="+kbs).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{"key_block_size"}}))
	}
	for _, st := range tableSettings() {
		if v := t.Options[st.key]; old.Options[st.key] != v {
			if v == "" {
				v = st.reset
			}
			opts = append(opts, cl(st.key+"="+v).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{strings.ToLower(st.key)}}))
		}
	}
	if old.Comment != t.Comment {
		opts = append(opts, cl("COMMENT="+quoteString(t.Comment)).with(AlterOp{Kind: OpTableOption, Table: old, Fields: []string{"comment"}}))
	}
	opts = append(opts, tidbOptionClauses(old, t)...)
	if len(opts) > 0 {
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindTable, Name: name, Fields: []string{"options"}, From: old, To: t})
	}

	clauses := append(append(append(append(append(append(drops, cols...), adds...), lateDrops...), visibility...), checkAdds...), opts...)
	d.alterTables = append(d.alterTables, d.alterStatements(name, clauses)...)
	if ps := partitionDiff(old, t); ps != nil {
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindTable, Name: name, Fields: []string{"partition_by"}, From: old, To: t})
		d.alterTables = append(d.alterTables, ps)
	}

	// Triggers.
	oldTr, newTr := map[string]*engines.Trigger{}, map[string]*engines.Trigger{}
	for _, tr := range old.Triggers {
		oldTr[tr.Name] = tr
	}
	for _, tr := range t.Triggers {
		newTr[tr.Name] = tr
	}
	for _, tr := range old.Triggers {
		n := newTr[tr.Name]
		if n == nil || !triggerEqual(tr, n) {
			if n == nil {
				d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindTrigger, Table: name, Name: tr.Name, From: tr})
			}
			d.dropCode = append(d.dropCode, stmt("DROP TRIGGER "+quoteIdent(tr.Name), "trigger "+tr.Name))
		}
	}
	for _, tr := range t.Triggers {
		o := oldTr[tr.Name]
		if o == nil || !triggerEqual(o, tr) {
			op := engines.Add
			var hzs []engines.Hazard
			if o != nil {
				op = engines.Replace
				hzs = append(hzs, hazard(engines.HazardRecreate, "trigger "+tr.Name+" is dropped and created again; writes in between do not fire it"))
			}
			d.change(&engines.Change{Op: op, Kind: engines.KindTrigger, Table: name, Name: tr.Name, From: o, To: tr})
			d.triggers = append(d.triggers, stmt(triggerSQL(name, tr), "trigger "+tr.Name, hzs...))
		}
	}
}

// checkUnnamed reports whether a check of table t was left unnamed: marked
// so when read from files on MySQL and TiDB (tableLevelChecks), or named as
// a server names such checks (MariaDB's CONSTRAINT_n or the column's name
// for a check in its definition, MySQL's t_chk_n).
func checkUnnamed(t *engines.Table, c *engines.Constraint, f Flavor) bool {
	if c.Options[optUnnamed] != "" || mariaDBCheckName.MatchString(c.Name) || columnCI(t, c.Name) != nil {
		return true // a column's own check is named after it as MariaDB names it
	}
	if f.MariaDB {
		return false // t_chk_n is a name the files gave
	}
	rest, ok := strings.CutPrefix(strings.ToLower(c.Name), strings.ToLower(t.Name)+"_chk_")
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// recasesColumn reports whether the plan can give a column the case the
// source writes its name in: TiDB takes such a rename and changes nothing,
// and MySQL refuses to rename a column a generated column reads (3108).
func (d *differ) recasesColumn(t *engines.Table, name string) bool {
	if d.flavor.TiDB {
		return false
	}
	if !d.flavor.MariaDB {
		for _, c := range t.Columns {
			if c.Generated != "" && exprUsesColumn(c.Generated, name) {
				return false
			}
		}
	}
	return true
}

// generationChanges reports whether a column becomes or stops being
// generated, or changes between VIRTUAL and STORED.
func generationChanges(a, b *engines.Column) bool {
	if (a.Generated == "") != (b.Generated == "") {
		return true
	}
	return a.Generated != "" && a.GeneratedStored != b.GeneratedStored
}

// regeneratedInPlace reports whether MODIFY COLUMN makes a generation
// change: MySQL and MariaDB turn a plain column into a STORED generated one
// and back in place (the values stay, or the expression's replace them),
// but not into or out of a VIRTUAL one, nor STORED into VIRTUAL (checked on
// MySQL 9.7 and MariaDB 10.11); TiDB does none of it.
func regeneratedInPlace(a, b *engines.Column, f Flavor) bool {
	if f.TiDB || (a.Generated == "") == (b.Generated == "") {
		return false
	}
	g := a
	if g.Generated == "" {
		g = b
	}
	return g.GeneratedStored
}

// implicitFKIndex finds the index both sides have, unchanged, that the
// server would use for fk and may have created itself: the first index
// starting with fk's columns, named after its first column (a, a_2...) as
// the server names the index of an unnamed foreign key.
func implicitFKIndex(old, t *engines.Table, fk *engines.Constraint) *engines.Index {
	if len(fk.Columns) == 0 {
		return nil
	}
	for _, ix := range t.Indexes {
		if len(ix.Parts) < len(fk.Columns) || ix.Method != "" {
			continue
		}
		usable := true
		for i, c := range fk.Columns {
			if !strings.EqualFold(ix.Parts[i].Column, c) || ix.Parts[i].Length != 0 {
				usable = false
			}
		}
		if !usable {
			continue
		}
		first := strings.ToLower(fk.Columns[0])
		n := strings.ToLower(ix.Name)
		if n != first && !strings.HasPrefix(n, first+"_") || strings.EqualFold(ix.Name, fk.Name) {
			return nil
		}
		if o := indexByName(old, ix.Name); o == nil || !indexEqual(o, ix) {
			return nil
		}
		return ix
	}
	return nil
}

func dedupHazards(hz []engines.Hazard) []engines.Hazard {
	seen := map[engines.Hazard]bool{}
	var out []engines.Hazard
	for _, h := range hz {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// insertAfter inserts s after prev ("" means first).
func insertAfter(list []string, prev, s string) []string {
	at := 0
	if prev != "" {
		at = indexOf(list, prev) + 1
	}
	out := append([]string{}, list[:at]...)
	out = append(out, s)
	return append(out, list[at:]...)
}

func sortedCheckKeys(m map[string]*engines.Constraint) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedFKKeys(m map[string]*engines.Constraint) []string { return sortedCheckKeys(m) }

func fkMap(t *engines.Table) map[string]*engines.Constraint {
	m := map[string]*engines.Constraint{}
	for _, c := range t.Constraints {
		if c.Kind == engines.ForeignKey {
			m[strings.ToLower(c.Name)] = c
		}
	}
	return m
}

func primaryKey(t *engines.Table) *engines.Constraint {
	for _, c := range t.Constraints {
		if c.Kind == engines.PrimaryKey {
			return c
		}
	}
	return nil
}

func equalFoldList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

func pkEqual(a, b *engines.Constraint) bool {
	if a == nil || b == nil {
		return a == b
	}
	return equalFoldList(a.Columns, b.Columns) && a.Options[optClustered] == b.Options[optClustered] && a.Comment == b.Comment
}

func fkEqual(a, b *engines.Constraint) bool {
	return equalFoldList(a.Columns, b.Columns) && a.RefTable == b.RefTable && a.RefSchema == b.RefSchema &&
		equalFoldList(a.RefColumns, b.RefColumns) && a.OnDelete == b.OnDelete && a.OnUpdate == b.OnUpdate
}

func indexEqual(a, b *engines.Index) bool {
	if a.Unique != b.Unique || a.Method != b.Method || a.Comment != b.Comment ||
		a.Options["invisible"] != b.Options["invisible"] || len(a.Parts) != len(b.Parts) {
		return false
	}
	for i, p := range a.Parts {
		q := b.Parts[i]
		if !strings.EqualFold(p.Column, q.Column) || p.Expr != q.Expr || p.Desc != q.Desc || p.Length != q.Length {
			return false
		}
	}
	return true
}

// onlyVisibilityDiffers reports whether two indexes differ in visibility only.
func onlyVisibilityDiffers(a, b *engines.Index) bool {
	cp := *b
	cp.Options = a.Options
	return indexEqual(a, &cp)
}

func triggerEqual(a, b *engines.Trigger) bool {
	return a.Timing == b.Timing && strings.Join(a.Events, ",") == strings.Join(b.Events, ",") &&
		bodyKey(a.Body) == bodyKey(b.Body)
}

// bodyKey is the text of a routine, trigger or event body (or a view's
// query) for comparison: white space collapsed, and the characters
// utf8mb3 cannot hold folded with the "?" that information_schema shows
// for them (one per character, or one per byte in MariaDB's views), so
// that a body holding an emoji compares equal to what the server reads
// back.
func bodyKey(s string) string {
	s = collapseSpace(s)
	if !strings.Contains(s, "?") && !hasSupplementary(s) {
		return s
	}
	var b strings.Builder
	q := false
	for _, r := range s {
		if r > 0xFFFF || r == '?' {
			if !q {
				b.WriteByte('?')
			}
			q = true
			continue
		}
		q = false
		b.WriteRune(r)
	}
	return b.String()
}

// hasSupplementary reports whether s holds a character beyond U+FFFF.
func hasSupplementary(s string) bool {
	for _, r := range s {
		if r > 0xFFFF {
			return true
		}
	}
	return false
}

func (d *differ) viewsDiff(tgt, src *engines.Schema) {
	old := map[string]*engines.View{}
	for _, v := range tgt.Views {
		old[v.Name] = v
	}
	next := map[string]*engines.View{}
	for _, v := range src.Views {
		next[v.Name] = v
	}
	for _, v := range tgt.Views {
		if next[v.Name] == nil {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindView, Name: v.Name, From: v})
			d.dropViews = append(d.dropViews, stmt("DROP VIEW "+quoteIdent(v.Name), "view "+v.Name))
		}
	}
	tables := map[string]*engines.Table{}
	for _, t := range src.Tables {
		tables[t.Name] = t
	}
	columns := func(name string) []string {
		t := tables[name]
		if t == nil {
			return nil
		}
		out := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			out[i] = c.Name
		}
		return out
	}
	for _, v := range orderViews(src.Views) {
		o := old[v.Name]
		if o != nil && d.viewEqual(o, v, columns) {
			continue
		}
		op := engines.Add
		if o != nil {
			op = engines.Alter
		}
		d.change(&engines.Change{Op: op, Kind: engines.KindView, Name: v.Name, From: o, To: v})
		d.views = append(d.views, stmt(viewSQL(v, o != nil), "view "+v.Name))
	}
}

// viewEqual compares views; a SELECT * is compared with the columns of
// the desired tables (columns), which the server expanded it to.
func (d *differ) viewEqual(a, b *engines.View, columns func(string) []string) bool {
	if bodyKey(compareViewWith(a.Query, columns)) != bodyKey(compareViewWith(b.Query, columns)) {
		return false
	}
	for _, k := range []string{"security", "check_option", "algorithm"} {
		if a.Options[k] != b.Options[k] {
			return false
		}
	}
	return true
}

// orderViews puts views after the views their queries name.
func orderViews(views []*engines.View) []*engines.View {
	byName := map[string]*engines.View{}
	for _, v := range views {
		byName[v.Name] = v
	}
	var out []*engines.View
	state := map[string]int{}
	var visit func(v *engines.View)
	visit = func(v *engines.View) {
		if state[v.Name] != 0 {
			return
		}
		state[v.Name] = 1
		for _, w := range views {
			if w.Name != v.Name && strings.Contains(v.Query, quoteIdent(w.Name)) {
				visit(w)
			}
		}
		state[v.Name] = 2
		out = append(out, v)
	}
	for _, v := range views {
		visit(v)
	}
	return out
}

func routineEqual(a, b *engines.Function) bool {
	if a.Args != b.Args || a.Returns != b.Returns || a.Comment != b.Comment || bodyKey(a.Body) != bodyKey(b.Body) {
		return false
	}
	for _, k := range []string{"deterministic", "data_access", "security"} {
		if a.Options[k] != b.Options[k] {
			return false
		}
	}
	return true
}

func routineKey(f *engines.Function) string {
	if f.Procedure {
		return "procedure " + strings.ToLower(f.Name)
	}
	return "function " + strings.ToLower(f.Name)
}

func (d *differ) routines(tgt, src *engines.Schema) {
	old, next := map[string]*engines.Function{}, map[string]*engines.Function{}
	for _, f := range tgt.Functions {
		old[routineKey(f)] = f
	}
	for _, f := range src.Functions {
		next[routineKey(f)] = f
	}
	for _, f := range tgt.Functions {
		n := next[routineKey(f)]
		if n == nil || !routineEqual(f, n) {
			if n == nil {
				d.change(&engines.Change{Op: engines.Drop, Kind: kindOfRoutine(f), Name: f.Name, From: f})
			}
			d.dropCode = append(d.dropCode, stmt(dropRoutineSQL(f), strings.ToLower(string(kindOfRoutine(f)))+" "+f.Name))
		}
	}
	for _, f := range src.Functions {
		o := old[routineKey(f)]
		if o != nil && routineEqual(o, f) {
			continue
		}
		op := engines.Add
		var hz []engines.Hazard
		if o != nil {
			op = engines.Replace
			hz = append(hz, hazard(engines.HazardRecreate, string(kindOfRoutine(f))+" "+f.Name+" is dropped and created again; calls in between fail"))
		}
		d.change(&engines.Change{Op: op, Kind: kindOfRoutine(f), Name: f.Name, From: o, To: f})
		d.createCode = append(d.createCode, stmt(routineSQL(f), string(kindOfRoutine(f))+" "+f.Name, hz...))
	}
}

func (d *differ) events(tgt, src *engines.Schema) {
	old, next := map[string]*engines.Event{}, map[string]*engines.Event{}
	for _, e := range tgt.Events {
		old[strings.ToLower(e.Name)] = e
	}
	for _, e := range src.Events {
		next[strings.ToLower(e.Name)] = e
	}
	same := func(a, b *engines.Event) bool {
		ka, ra := eventCompareKey(a.Definition)
		kb, rb := eventCompareKey(b.Definition)
		if ra || rb {
			return bodyKey(ka) == bodyKey(kb)
		}
		return bodyKey(a.Definition) == bodyKey(b.Definition)
	}
	for _, e := range tgt.Events {
		n := next[strings.ToLower(e.Name)]
		if n == nil || !same(e, n) {
			if n == nil {
				d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindEvent, Name: e.Name, From: e})
			}
			d.dropCode = append(d.dropCode, stmt("DROP EVENT "+quoteIdent(e.Name), "event "+e.Name))
		}
	}
	for _, e := range src.Events {
		o := old[strings.ToLower(e.Name)]
		if o != nil && same(o, e) {
			continue
		}
		op := engines.Add
		if o != nil {
			op = engines.Replace
		}
		d.change(&engines.Change{Op: op, Kind: engines.KindEvent, Name: e.Name, From: o, To: e})
		d.triggers = append(d.triggers, stmt(e.Definition, "event "+e.Name))
	}
}
