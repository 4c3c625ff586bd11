package oracle

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// plan computes the changes that turn target into source and their DDL, in
// phases: foreign keys and views that go away first, then drops, sequences,
// tables and columns, keys and checks, indexes, keys that use an index of
// their own, foreign keys, views, comments. Oracle commits each DDL statement, so every statement stands
// alone and apply can resume after the last one done.
func plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := &differ{plan: &engines.Plan{Engine: "oracle"}, opts: opts}
	if err := d.run(schemaOf(target), schemaOf(source)); err != nil {
		return nil, err
	}
	for _, phase := range d.phases {
		d.plan.Statements = append(d.plan.Statements, phase...)
	}
	return d.plan, nil
}

// Phases of a plan, in order.
const (
	phDropFK = iota
	phDropView
	phDropConstraint
	phDropIndex
	phDropTable
	phSequence
	phTable
	phColumn
	phConstraint
	phIndex
	phKeyUsingIndex
	phForeignKey
	phView
	phComment
	phDropSequence
	phCount
)

type differ struct {
	plan   *engines.Plan
	opts   engines.PlanOptions
	phases [phCount][]*engines.Statement
}

func schemaOf(db *engines.Database) *engines.Schema {
	if db == nil || len(db.Schemas) == 0 {
		return &engines.Schema{}
	}
	return db.Schemas[0]
}

func (d *differ) add(phase int, sql, object string, hz ...engines.Hazard) {
	d.phases[phase] = append(d.phases[phase], &engines.Statement{SQL: sql, Object: object, Hazards: hz})
}

func (d *differ) change(c *engines.Change) { d.plan.Changes = append(d.plan.Changes, c) }

func hazard(kind engines.HazardKind, msg string) engines.Hazard {
	return engines.Hazard{Kind: kind, Message: msg}
}

func (d *differ) run(tgt, src *engines.Schema) error {
	if err := d.tables(tgt, src); err != nil {
		return err
	}
	d.views(tgt, src)
	d.sequences(tgt, src)
	return nil
}

func (d *differ) tables(tgt, src *engines.Schema) error {
	old := map[string]*engines.Table{}
	for _, t := range tgt.Tables {
		old[t.Name] = t
	}
	// Tables whose primary or unique keys are rebuilt (dropped and added):
	// foreign keys that reference them must be dropped first and added
	// again. Renames and state changes keep the key in place.
	rebuilt := map[string]bool{}
	for _, t := range src.Tables {
		if o := old[t.Name]; o != nil {
			for _, oc := range o.Constraints {
				if oc.Kind != engines.PrimaryKey && oc.Kind != engines.Unique {
					continue
				}
				nc := findConstraint(t, oc.Name)
				if nc == nil {
					if renamedTo(o, t, oc) == nil {
						rebuilt[t.Name] = true
					}
				} else if !sameConstraint(oc, nc) && !stateChange(oc, nc) {
					rebuilt[t.Name] = true
				}
			}
		}
	}
	newNames := map[string]bool{}
	for _, t := range src.Tables {
		newNames[t.Name] = true
		o := old[t.Name]
		if o == nil {
			d.createTable(t)
			continue
		}
		if err := d.alterTable(o, t, rebuilt); err != nil {
			return err
		}
	}
	for _, t := range tgt.Tables {
		if newNames[t.Name] {
			continue
		}
		d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindTable, Name: t.Name, From: t})
		// CASCADE CONSTRAINTS: foreign keys among dropped tables go with them.
		d.add(phDropTable, "DROP TABLE "+quoteIdent(t.Name)+" CASCADE CONSTRAINTS", "table "+t.Name,
			hazard(engines.HazardDeletesData, "drops table "+t.Name+" and all its rows"))
	}
	return nil
}

func (d *differ) createTable(t *engines.Table) {
	obj := "table " + t.Name
	d.change(&engines.Change{Op: engines.Add, Kind: engines.KindTable, Name: t.Name, To: t})
	d.add(phTable, createTableSQL(t, false), obj)
	for _, ix := range t.Indexes {
		d.add(phIndex, indexSQL(t.Name, ix), "index "+ix.Name)
	}
	for _, c := range orderedConstraints(t) {
		switch {
		case c.Kind == engines.ForeignKey:
			d.add(phForeignKey, addConstraintSQL(t, c), obj)
		case keyIndex(t, c) != nil:
			d.add(phKeyUsingIndex, addConstraintSQL(t, c), obj)
		}
	}
	d.comments("TABLE", t.Name, "", t.Comment, nil, columnComments(t))
}

func findConstraint(t *engines.Table, name string) *engines.Constraint {
	for _, c := range t.Constraints {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// sameConstraint compares two constraints by what they enforce and how:
// the name Oracle gave an unnamed one (Options) does not count.
func sameConstraint(a, b *engines.Constraint) bool {
	x, y := *a, *b
	x.Options, y.Options = nil, nil
	// Files name the referenced table's schema only when they want to; a
	// qualifier one side lacks is not a difference.
	if x.RefSchema == "" || y.RefSchema == "" {
		x.RefSchema, y.RefSchema = "", ""
	}
	return reflect.DeepEqual(x, y)
}

// stateChange reports whether two constraints differ only in what ALTER
// TABLE ... MODIFY CONSTRAINT can change in place: ENABLE/DISABLE,
// VALIDATE/NOVALIDATE and, for deferrable ones, INITIALLY.
func stateChange(a, b *engines.Constraint) bool {
	x := *a
	x.NotEnforced, x.NotValid = b.NotEnforced, b.NotValid
	if b.Deferrable {
		x.InitiallyDeferred = b.InitiallyDeferred
	}
	return sameConstraint(&x, b)
}

// sameDefinition compares two constraints ignoring their names.
func sameDefinition(a, b *engines.Constraint) bool {
	x := *a
	x.Name = b.Name
	return sameConstraint(&x, b)
}

// renamedTo finds the source constraint a target constraint that is gone
// by name became under a new name: same definition, a name the target does
// not have, and a name Oracle can be given (not an unnamed one).
func renamedTo(o, t *engines.Table, oc *engines.Constraint) *engines.Constraint {
	if _, ok := constraintName(oc); !ok {
		return nil
	}
	for _, nc := range t.Constraints {
		if isSystemName(nc.Name) || findConstraint(o, nc.Name) != nil {
			continue
		}
		if sameDefinition(oc, nc) {
			return nc
		}
	}
	return nil
}

// constraintName is the name Oracle knows a constraint by: its own, or the
// SYS_C... name inspect recorded for an unnamed one. False when unknown
// (an unnamed constraint read from files).
func constraintName(c *engines.Constraint) (string, bool) {
	if !isSystemName(c.Name) {
		return c.Name, true
	}
	if n := c.Options["system_name"]; n != "" {
		return n, true
	}
	return "", false
}

// errUnaddressable is returned for an unnamed foreign key or check that
// must change but whose Oracle name is not known (the target is files).
func errUnaddressable(table string, c *engines.Constraint) error {
	return fmt.Errorf("oracle: table %s: cannot change the unnamed %s constraint %s: only a live target tells the name Oracle gave it (SYS_C...); name it in the files or compare with the live database", table, c.Kind, c.Name)
}

func (d *differ) alterTable(o, t *engines.Table, rebuilt map[string]bool) error {
	tn := quoteIdent(t.Name)
	// Columns.
	for _, c := range t.Columns {
		oc := o.Column(c.Name)
		obj := "column " + t.Name + "." + c.Name
		if oc == nil {
			d.change(&engines.Change{Op: engines.Add, Kind: engines.KindColumn, Table: t.Name, Name: c.Name, To: c})
			d.add(phColumn, "ALTER TABLE "+tn+" ADD ("+columnSQL(c)+")", obj, addColumnHazards(t.Name, c)...)
			continue
		}
		d.alterColumn(o, t, oc, c)
	}
	for _, oc := range o.Columns {
		if t.Column(oc.Name) == nil {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindColumn, Table: t.Name, Name: oc.Name, From: oc})
			d.add(phColumn, "ALTER TABLE "+tn+" DROP COLUMN "+quoteIdent(oc.Name), "column "+t.Name+"."+oc.Name,
				dropColumnHazards(t.Name, oc.Name, "drops column "+oc.Name+" and its data")...)
		}
	}
	if err := d.constraints(o, t, rebuilt); err != nil {
		return err
	}
	d.indexes(o, t)
	d.comments("TABLE", t.Name, o.Comment, t.Comment, columnComments(o), columnComments(t))
	return nil
}

// constraints plans renames, state changes (MODIFY CONSTRAINT), drops and
// adds; a changed constraint that cannot be modified in place is dropped
// and added again.
func (d *differ) constraints(o, t *engines.Table, rebuilt map[string]bool) error {
	tn := quoteIdent(t.Name)
	renamed := map[string]bool{} // source names reached by a rename
	for _, oc := range o.Constraints {
		nc := findConstraint(t, oc.Name)
		refRebuilt := oc.Kind == engines.ForeignKey && rebuilt[oc.RefTable]
		obj := "constraint " + t.Name + "." + oc.Name
		if nc != nil && !refRebuilt {
			if sameConstraint(oc, nc) {
				continue
			}
			if stateChange(oc, nc) {
				if err := d.modifyConstraint(t, oc, nc); err != nil {
					return err
				}
				continue
			}
		}
		if nc == nil && !refRebuilt {
			if to := renamedTo(o, t, oc); to != nil {
				from, _ := constraintName(oc)
				renamed[to.Name] = true
				d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindConstraint, Table: t.Name, Name: to.Name, Fields: []string{"name"}, From: oc, To: to})
				d.add(phDropConstraint, "ALTER TABLE "+tn+" RENAME CONSTRAINT "+quoteIdent(from)+" TO "+quoteIdent(to.Name), "constraint "+t.Name+"."+to.Name)
				if (oc.Kind == engines.PrimaryKey || oc.Kind == engines.Unique) && keyIndex(o, oc) == nil {
					// The index Oracle made for the key has the key's name:
					// keep it so, or it would show as an index of its own.
					d.add(phDropConstraint, "ALTER INDEX "+quoteIdent(from)+" RENAME TO "+quoteIdent(to.Name), "index "+to.Name)
				}
				continue
			}
		}
		sql, err := dropConstraintSQL(t.Name, oc)
		if err != nil {
			return err
		}
		phase := phDropConstraint
		if oc.Kind == engines.ForeignKey {
			phase = phDropFK
		}
		if nc == nil {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindConstraint, Table: t.Name, Name: oc.Name, From: oc})
		} else if !refRebuilt {
			d.change(&engines.Change{Op: engines.Replace, Kind: engines.KindConstraint, Table: t.Name, Name: oc.Name, From: oc, To: nc})
		}
		d.add(phase, sql, obj, keyDropHazards(o, oc)...)
	}
	for _, nc := range orderedConstraints(t) {
		oc := findConstraint(o, nc.Name)
		refRebuilt := nc.Kind == engines.ForeignKey && rebuilt[nc.RefTable]
		if renamed[nc.Name] || oc != nil && !refRebuilt && (sameConstraint(oc, nc) || stateChange(oc, nc)) {
			continue
		}
		if oc == nil {
			d.change(&engines.Change{Op: engines.Add, Kind: engines.KindConstraint, Table: t.Name, Name: nc.Name, To: nc})
		}
		var hz []engines.Hazard
		if !nc.NotEnforced && !nc.NotValid {
			switch nc.Kind {
			case engines.PrimaryKey, engines.Unique:
				hz = append(hz, hazard(engines.HazardMayFailOnData, string(nc.Kind)+" "+nc.Name+" fails on duplicate rows"), hazard(engines.HazardIndexBuild, "builds the index of "+nc.Name))
			default:
				hz = append(hz, hazard(engines.HazardMayFailOnData, string(nc.Kind)+" "+nc.Name+" fails if existing rows violate it"))
			}
		}
		phase := phConstraint
		switch {
		case nc.Kind == engines.ForeignKey:
			phase = phForeignKey
		case keyIndex(t, nc) != nil:
			phase = phKeyUsingIndex // after the index it uses is built
			if len(hz) > 1 {
				hz = hz[:1] // the index exists: nothing is built
			}
		}
		d.addConstraint(phase, t, nc, hz)
	}
	return nil
}

// modifyConstraint changes a constraint's state in place. Disabling runs
// early (foreign keys before the keys they reference), enabling late (keys
// before the foreign keys that reference them).
func (d *differ) modifyConstraint(t *engines.Table, oc, nc *engines.Constraint) error {
	ref, err := constraintRef(t.Name, oc)
	if err != nil {
		return err
	}
	var state []string
	if nc.Deferrable && oc.InitiallyDeferred != nc.InitiallyDeferred {
		if nc.InitiallyDeferred {
			state = append(state, "INITIALLY DEFERRED")
		} else {
			state = append(state, "INITIALLY IMMEDIATE")
		}
	}
	var hz []engines.Hazard
	disabling := nc.NotEnforced && !oc.NotEnforced
	validateAfter := false
	key := nc.Kind == engines.PrimaryKey || nc.Kind == engines.Unique
	switch {
	case oc.NotEnforced == nc.NotEnforced && oc.NotValid == nc.NotValid:
		// Only INITIALLY changes: validating again would cost a scan.
	case nc.NotEnforced:
		state = append(state, "DISABLE")
		if disabling && key {
			hz = append(hz, hazard(engines.HazardIndexDropped, "disabling "+nc.Name+" drops the index Oracle made for it; it fails while enabled foreign keys reference it"))
		}
	case nc.NotValid:
		state = append(state, "ENABLE NOVALIDATE")
		if oc.NotEnforced && key {
			hz = append(hz, hazard(engines.HazardMayFailOnData, string(nc.Kind)+" "+nc.Name+" fails on duplicate rows"), hazard(engines.HazardIndexBuild, "builds the index of "+nc.Name),
				hazard(engines.HazardBlockingLock, "enabling "+nc.Name+" builds its index under a lock: writes to "+t.Name+" wait until it ends"))
		}
	case oc.NotEnforced && d.twoStep(nc):
		// Online: enabled without checking the rows, then validated.
		state = append(state, "ENABLE NOVALIDATE")
		validateAfter = true
	default:
		state = append(state, "ENABLE VALIDATE")
		if oc.NotEnforced || oc.NotValid {
			hz = append(hz, hazard(engines.HazardMayFailOnData, "validating "+nc.Name+" fails if existing rows violate it"))
			if oc.NotEnforced && key {
				hz = append(hz, hazard(engines.HazardIndexBuild, "builds the index of "+nc.Name))
			}
			if oc.NotEnforced {
				// Validating an enabled constraint lets writes go on; enabling
				// a disabled one with VALIDATE checks the rows under a lock.
				hz = append(hz, hazard(engines.HazardBlockingLock, "enabling "+nc.Name+" checks every row of "+t.Name+" under a lock: writes wait until it ends"))
			}
		}
	}
	phase := phaseOfEnabled(nc)
	switch {
	case disabling && nc.Kind == engines.ForeignKey:
		phase = phDropFK
	case disabling:
		phase = phDropConstraint
	}
	var fields []string
	if oc.NotEnforced != nc.NotEnforced || oc.NotValid != nc.NotValid {
		fields = append(fields, "state")
	}
	if oc.InitiallyDeferred != nc.InitiallyDeferred {
		fields = append(fields, "initially_deferred")
	}
	d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindConstraint, Table: t.Name, Name: nc.Name, Fields: fields, From: oc, To: nc})
	d.add(phase, "ALTER TABLE "+quoteIdent(t.Name)+" MODIFY "+ref+" "+strings.Join(state, " "), "constraint "+t.Name+"."+nc.Name, hz...)
	if validateAfter {
		d.validate(phase, t, nc)
	}
	return nil
}

// indexes plans index renames, drops and creations; a changed index is
// dropped and created again.
func (d *differ) indexes(o, t *engines.Table) {
	oldIx := map[string]*engines.Index{}
	for _, ix := range o.Indexes {
		oldIx[ix.Name] = ix
	}
	newIx := map[string]*engines.Index{}
	for _, ix := range t.Indexes {
		newIx[ix.Name] = ix
	}
	renamed := map[string]bool{} // old names renamed away
	for _, ix := range t.Indexes {
		if oldIx[ix.Name] != nil {
			continue
		}
		for _, prev := range o.Indexes {
			if newIx[prev.Name] != nil || renamed[prev.Name] || !sameIndexDefinition(prev, ix) {
				continue
			}
			renamed[prev.Name] = true
			newIx[ix.Name] = nil // handled
			d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindIndex, Table: t.Name, Name: ix.Name, Fields: []string{"name"}, From: prev, To: ix})
			d.add(phIndex, "ALTER INDEX "+quoteIdent(prev.Name)+" RENAME TO "+quoteIdent(ix.Name), "index "+ix.Name)
			break
		}
	}
	for _, ix := range t.Indexes {
		if newIx[ix.Name] == nil {
			continue // renamed
		}
		prev := oldIx[ix.Name]
		if prev != nil && reflect.DeepEqual(prev, ix) {
			continue
		}
		op := engines.Add
		if prev != nil {
			op = engines.Replace
			d.dropIndex(t.Name, prev, true)
		}
		d.change(&engines.Change{Op: op, Kind: engines.KindIndex, Table: t.Name, Name: ix.Name, From: prev, To: ix})
		d.createIndex(t.Name, ix)
	}
	for _, ix := range o.Indexes {
		if _, kept := newIx[ix.Name]; !kept && !renamed[ix.Name] {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindIndex, Table: t.Name, Name: ix.Name, From: ix})
			d.dropIndex(t.Name, ix, false)
		}
	}
}

func sameIndexDefinition(a, b *engines.Index) bool {
	x := *a
	x.Name = b.Name
	return reflect.DeepEqual(&x, b)
}

// keyIndex returns the index a primary key or unique constraint uses when
// the table keeps one in its own right on exactly the key's columns (the
// key then says USING INDEX), or nil when the key's index is the one
// Oracle makes for it, which the model folds into the constraint.
func keyIndex(t *engines.Table, c *engines.Constraint) *engines.Index {
	if c.Kind != engines.PrimaryKey && c.Kind != engines.Unique {
		return nil
	}
	for _, ix := range t.Indexes {
		if indexesColumns(ix, c.Columns) {
			return ix
		}
	}
	return nil
}

// inKeptPrimaryKey reports whether a column belongs to a primary key that
// both sides have unchanged: Oracle then holds the column NOT NULL for the
// key, and MODIFY NULL / NOT NULL on it fails (ORA-01451, ORA-01442).
func inKeptPrimaryKey(o, t *engines.Table, column string) bool {
	op, np := primaryKey(o), primaryKey(t)
	if op == nil || np == nil || op.Name != np.Name || !sameConstraint(op, np) {
		return false
	}
	for _, c := range np.Columns {
		if c == column {
			return true
		}
	}
	return false
}

// alterColumn plans MODIFY clauses for one column, one statement per
// aspect so that each carries its own hazards.
func (d *differ) alterColumn(o, t *engines.Table, oc, c *engines.Column) {
	tn := quoteIdent(t.Name)
	obj := "column " + t.Name + "." + c.Name
	cn := quoteIdent(c.Name)
	var fields []string
	// A virtual column's expression changes in place (it holds no data).
	if oc.Generated != "" && c.Generated != "" && oc.Generated != c.Generated {
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Table: t.Name, Name: c.Name, Fields: []string{"generated"}, From: oc, To: c})
		d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" GENERATED ALWAYS AS ("+c.Generated+") VIRTUAL)", obj)
		return
	}
	// A column cannot become virtual or stop being virtual, and an existing
	// column cannot become an identity column: drop and add.
	if oc.Generated != c.Generated || oc.Identity == "" && c.Identity != "" {
		d.change(&engines.Change{Op: engines.Replace, Kind: engines.KindColumn, Table: t.Name, Name: c.Name, From: oc, To: c})
		d.add(phColumn, "ALTER TABLE "+tn+" DROP COLUMN "+cn, obj, dropColumnHazards(t.Name, c.Name, "column "+c.Name+" is dropped and added again: its values are lost")...)
		d.add(phColumn, "ALTER TABLE "+tn+" ADD ("+columnSQL(c)+")", obj, addColumnHazards(t.Name, c)...)
		return
	}
	if oc.Type != c.Type && c.Type != "" && c.Generated == "" {
		fields = append(fields, "type")
		var hz []engines.Hazard
		if !widens(oc.Type, c.Type) {
			hz = append(hz, hazard(engines.HazardMayFailOnData, "changing "+c.Name+" from "+oc.Type+" to "+c.Type+" fails unless existing values fit (or the column is empty)"))
		}
		d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" "+c.Type+")", obj, hz...)
	}
	if oc.Collation != c.Collation && c.Type != "" && c.Generated == "" {
		fields = append(fields, "collation")
		coll := c.Collation
		if coll == "" {
			coll = "USING_NLS_COMP" // the default: follow the session's NLS_COMP
		}
		d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" "+c.Type+" COLLATE "+quoteIdent(coll)+")", obj)
	}
	if oc.Default != c.Default || oc.Options["default_on_null"] != c.Options["default_on_null"] {
		fields = append(fields, "default")
		def := c.Default
		if def == "" {
			def = "NULL"
		}
		on := ""
		if c.Options["default_on_null"] == "true" {
			on = "ON NULL "
		}
		d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" DEFAULT "+on+def+")", obj)
	}
	if oc.Identity != c.Identity || !sameIdentityOptions(oc.IdentityOptions, c.IdentityOptions) {
		fields = append(fields, "identity")
		switch {
		case c.Identity == "":
			d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" DROP IDENTITY)", obj)
		default:
			var opts engines.SequenceOptions
			if c.IdentityOptions != nil {
				opts = *c.IdentityOptions
			}
			// Every option spelled out, so that options the source dropped
			// go back to their defaults.
			d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" GENERATED "+c.Identity+" AS IDENTITY ("+fullSequenceOptions(opts)+"))", obj)
		}
	}
	// NOT NULL is implied by identity and DEFAULT ON NULL, and held by a
	// primary key for its columns: no MODIFY for those.
	implied := c.Identity != "" || c.Options["default_on_null"] == "true" || inKeptPrimaryKey(o, t, c.Name)
	if oc.NotNull != c.NotNull && !implied {
		fields = append(fields, "not_null")
		if c.NotNull {
			named := ""
			if n := c.Options["not_null_constraint"]; n != "" {
				named = " CONSTRAINT " + quoteIdent(n)
			}
			d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+named+" NOT NULL)", obj, notNullHazards(t.Name, c.Name)...)
		} else {
			d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" NULL)", obj)
		}
	} else if c.NotNull && oc.NotNull && oc.Options["not_null_constraint"] != c.Options["not_null_constraint"] {
		fields = append(fields, "not_null_name")
		if n := oc.Options["not_null_constraint"]; n != "" && c.Options["not_null_constraint"] != "" {
			d.add(phColumn, "ALTER TABLE "+tn+" RENAME CONSTRAINT "+quoteIdent(n)+" TO "+quoteIdent(c.Options["not_null_constraint"]), obj)
		}
	}
	if oc.Options["invisible"] != c.Options["invisible"] {
		fields = append(fields, "invisible")
		vis := "VISIBLE"
		if c.Options["invisible"] == "true" {
			vis = "INVISIBLE"
		}
		d.add(phColumn, "ALTER TABLE "+tn+" MODIFY ("+cn+" "+vis+")", obj)
	}
	if len(fields) > 0 {
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindColumn, Table: t.Name, Name: c.Name, Fields: fields, From: oc, To: c})
	}
}

// sameIdentityOptions compares identity options without START WITH, which
// only matters at creation (ALL_SEQUENCES does not keep it).
func sameIdentityOptions(a, b *engines.SequenceOptions) bool {
	var x, y engines.SequenceOptions
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	x.Start, y.Start = nil, nil
	return reflect.DeepEqual(x, y)
}

// comments plans COMMENT statements for a table or view and its columns;
// Oracle has no "drop comment": setting an empty one removes it.
func (d *differ) comments(kind, name, oldC, newC string, oldCols, newCols map[string]string) {
	obj := strings.ToLower(kind) + " " + name
	if oldC != newC {
		d.add(phComment, tableCommentSQL(kind, name, newC), obj)
	}
	keys := map[string]bool{}
	for k := range oldCols {
		keys[k] = true
	}
	for k := range newCols {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		if oldCols[k] != newCols[k] {
			d.add(phComment, columnCommentSQL(name, k, newCols[k]), "column "+name+"."+k)
		}
	}
}

func (d *differ) views(tgt, src *engines.Schema) {
	old := map[string]*engines.View{}
	for _, v := range tgt.Views {
		old[v.Name] = v
	}
	newNames := map[string]bool{}
	for _, v := range orderViews(src.Views) {
		newNames[v.Name] = true
		o := old[v.Name]
		if o != nil && o.Query == v.Query && sameViewColumns(o.Columns, v.Columns) && reflect.DeepEqual(o.Options, v.Options) {
			d.comments("TABLE", v.Name, o.Comment, v.Comment, o.ColumnComments, v.ColumnComments)
			continue
		}
		op := engines.Add
		var oldComment string
		var oldCols map[string]string
		if o != nil {
			op = engines.Replace
			// CREATE OR REPLACE keeps the view's comments only if the
			// columns keep their names; plan them all again to be sure.
		}
		d.change(&engines.Change{Op: op, Kind: engines.KindView, Name: v.Name, From: o, To: v})
		d.add(phView, viewSQL(v, true), "view "+v.Name)
		d.comments("TABLE", v.Name, oldComment, v.Comment, oldCols, v.ColumnComments)
	}
	for _, v := range tgt.Views {
		if !newNames[v.Name] {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindView, Name: v.Name, From: v})
			d.add(phDropView, "DROP VIEW "+quoteIdent(v.Name), "view "+v.Name)
		}
	}
}

// sameViewColumns compares explicit view column lists. The catalog always
// knows a view's column names while files may leave them to the query, so
// a missing list matches any.
func sameViewColumns(a, b []string) bool {
	return len(a) == 0 || len(b) == 0 || reflect.DeepEqual(a, b)
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
		for _, w := range queryWords(v.Query) {
			if dep := byName[w]; dep != nil && dep != v {
				visit(dep)
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

func queryWords(q string) []string {
	toks, err := (&lexer{src: q, line: 1, col: 1}).all()
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range toks {
		if t.kind == tIdent || t.kind == tQuoted {
			out = append(out, t.val)
		}
	}
	return out
}

// all lexes the whole input.
func (l *lexer) all() ([]token, error) {
	var out []token
	for {
		l.skipSpace()
		if l.eof() {
			return out, nil
		}
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
}

func (d *differ) sequences(tgt, src *engines.Schema) {
	old := map[string]*engines.Sequence{}
	for _, s := range tgt.Sequences {
		old[s.Name] = s
	}
	newNames := map[string]bool{}
	for _, s := range src.Sequences {
		newNames[s.Name] = true
		o := old[s.Name]
		if o == nil {
			d.change(&engines.Change{Op: engines.Add, Kind: engines.KindSequence, Name: s.Name, To: s})
			d.add(phSequence, createSequenceSQL(s), "sequence "+s.Name)
			continue
		}
		a, b := o.SequenceOptions, s.SequenceOptions
		a.Start, b.Start = nil, nil
		if reflect.DeepEqual(a, b) {
			continue
		}
		d.change(&engines.Change{Op: engines.Alter, Kind: engines.KindSequence, Name: s.Name, From: o, To: s})
		d.add(phSequence, alterSequenceSQL(s), "sequence "+s.Name)
	}
	for _, s := range tgt.Sequences {
		if !newNames[s.Name] {
			d.change(&engines.Change{Op: engines.Drop, Kind: engines.KindSequence, Name: s.Name, From: s})
			d.add(phDropSequence, "DROP SEQUENCE "+quoteIdent(s.Name), "sequence "+s.Name,
				hazard(engines.HazardDeletesData, "drops sequence "+s.Name+": its current value is lost"))
		}
	}
}
