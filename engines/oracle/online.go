package oracle

// Online forms and the hazards of changing tables that exist (and may be
// busy). Oracle commits each DDL statement, and an ALTER TABLE that checks
// or rewrites rows holds a lock that stops writes to the table while it
// runs. The online forms, on unless PlanOptions.Online.Off:
//
//   - A new (or re-enabled) CHECK or FOREIGN KEY constraint on an existing
//     table is added ENABLE NOVALIDATE (new rows are checked, old ones are
//     not: a dictionary change), then validated with MODIFY CONSTRAINT ...
//     ENABLE VALIDATE, which "does not block reads, writes, or other DDL
//     operations" (SQL Language Reference, constraint, ENABLE VALIDATE).
//     The constraint must have a name to be addressed by the second
//     statement: an unnamed one read from files keeps the one-step form.
//   - CREATE INDEX ... ONLINE and DROP INDEX ... ONLINE let DML go on while
//     the index is built or dropped (12c+ for DROP). Both are Enterprise
//     Edition features: Standard Edition refuses ONLINE (ORA-00439), and a
//     plan for it must be made with the online forms off. Bitmap indexes
//     keep the plain forms (ONLINE is refused for them on older releases).
//
// Where no online form exists the statement carries blocking_lock: primary
// and unique keys added to an existing table (their index is built under a
// lock), NOT NULL on an existing column (every row is checked under a
// lock), dropping a column (every row is rewritten under a lock).

import (
	"github.com/schemasync/schemasync/engines"
)

// eeOnly ends the message of a statement that says ONLINE.
const eeOnly = " (ONLINE needs Enterprise Edition; for Standard Edition plan with --online=false)"

// online reports whether the plan uses the online forms.
func (d *differ) online() bool { return !d.opts.Online.Off }

// indexOnline reports whether an index is built and dropped ONLINE.
func (d *differ) indexOnline(ix *engines.Index) bool {
	return d.online() && ix.Method != "BITMAP"
}

// createIndex plans CREATE INDEX for a table that exists, ONLINE where the
// plan may, with the hazards of the form chosen.
func (d *differ) createIndex(table string, ix *engines.Index) {
	sql := indexSQL(table, ix)
	var hz []engines.Hazard
	if d.indexOnline(ix) {
		sql += " ONLINE"
		hz = append(hz, hazard(engines.HazardIndexBuild, "builds index "+ix.Name+" ONLINE: reads and writes of "+table+" go on"+eeOnly))
	} else {
		hz = append(hz, hazard(engines.HazardIndexBuild, "builds index "+ix.Name),
			hazard(engines.HazardBlockingLock, "builds index "+ix.Name+" without ONLINE: writes to "+table+" wait until it is built"))
	}
	if ix.Unique {
		hz = append(hz, hazard(engines.HazardMayFailOnData, "unique index "+ix.Name+" fails on duplicate rows"))
	}
	d.add(phIndex, sql, "index "+ix.Name, hz...)
}

// dropIndex plans DROP INDEX, ONLINE where the plan may; replaced says the
// index is built again by the plan.
func (d *differ) dropIndex(table string, ix *engines.Index, replaced bool) {
	sql := "DROP INDEX " + quoteIdent(ix.Name)
	if d.indexOnline(ix) {
		sql += " ONLINE"
	}
	msg := "drops index " + ix.Name + ": queries that use it get slower"
	if replaced {
		msg = "drops index " + ix.Name + " to build it again: queries that use it get slower until it is built"
	}
	if d.indexOnline(ix) {
		msg += eeOnly
	}
	d.add(phDropIndex, sql, "index "+ix.Name, hazard(engines.HazardIndexDropped, msg))
}

// addConstraint plans a constraint added to an existing table: a named
// CHECK or FOREIGN KEY that must hold for the existing rows goes in two
// online steps where the plan may; otherwise one statement, which checks
// the rows under a lock.
func (d *differ) addConstraint(phase int, t *engines.Table, c *engines.Constraint, hz []engines.Hazard) {
	obj := "constraint " + t.Name + "." + c.Name
	validated := !c.NotEnforced && !c.NotValid
	if !validated {
		d.add(phase, addConstraintSQL(t, c), obj, hz...)
		return
	}
	if d.twoStep(c) {
		nv := *c
		nv.NotValid = true
		d.add(phase, addConstraintSQL(t, &nv), obj)
		d.validate(phase, t, c)
		return
	}
	switch {
	case c.Kind == engines.PrimaryKey || c.Kind == engines.Unique:
		what := "builds its index and checks the rows of " + t.Name
		if ix := keyIndex(t, c); ix != nil {
			what = "checks the rows of " + t.Name + " with index " + ix.Name
		}
		hz = append(hz, hazard(engines.HazardBlockingLock, "adding "+c.Name+" "+what+" under a lock: writes wait until it ends"))
	default:
		why := "online forms are off"
		if d.online() {
			why = "it has no name to validate it by afterwards"
		}
		hz = append(hz, hazard(engines.HazardBlockingLock, "adding "+c.Name+" checks every row of "+t.Name+" under a lock, writes waiting until it ends ("+why+"; a named constraint is added ENABLE NOVALIDATE, then validated online)"))
	}
	d.add(phase, addConstraintSQL(t, c), obj, hz...)
}

// twoStep reports whether a constraint that must hold for existing rows
// is added ENABLE NOVALIDATE and then validated.
func (d *differ) twoStep(c *engines.Constraint) bool {
	if !d.online() || c.Kind != engines.Check && c.Kind != engines.ForeignKey {
		return false
	}
	_, named := constraintName(c)
	return named
}

// validate plans the online validation of an enabled constraint.
func (d *differ) validate(phase int, t *engines.Table, c *engines.Constraint) {
	name, _ := constraintName(c)
	d.add(phase, "ALTER TABLE "+quoteIdent(t.Name)+" MODIFY CONSTRAINT "+quoteIdent(name)+" ENABLE VALIDATE", "constraint "+t.Name+"."+c.Name,
		hazard(engines.HazardMayFailOnData, "validating "+c.Name+" fails if existing rows violate it; reads and writes of "+t.Name+" go on"))
}

// dropColumnHazards are the hazards of ALTER TABLE ... DROP COLUMN on a
// table that exists: the values go, and Oracle removes them from every
// row while writes to the table wait.
func dropColumnHazards(table, column, lost string) []engines.Hazard {
	return []engines.Hazard{
		hazard(engines.HazardDeletesData, lost),
		hazard(engines.HazardRewritesTable, "dropping column "+column+" rewrites every row of "+table),
		hazard(engines.HazardBlockingLock, "writes to "+table+" wait until column "+column+" is removed from every row"),
	}
}

// addColumnHazards are the hazards of ALTER TABLE ... ADD on a table that
// exists. A column with a default, or nullable, is a dictionary change; an
// identity column is filled in on every row.
func addColumnHazards(table string, c *engines.Column) []engines.Hazard {
	var hz []engines.Hazard
	switch {
	case c.Identity != "":
		hz = append(hz, hazard(engines.HazardRewritesTable, "adding identity column "+c.Name+" writes a value into every row of "+table),
			hazard(engines.HazardBlockingLock, "writes to "+table+" wait until every row has its "+c.Name))
	case c.NotNull && c.Default == "" && c.Generated == "" && c.Options["default_on_null"] != "true":
		hz = append(hz, hazard(engines.HazardMayFailOnData, "NOT NULL column "+c.Name+" without a default fails on a table with rows"))
	}
	return hz
}

// notNullHazards are the hazards of MODIFY (column NOT NULL): every row is
// checked while writes wait.
func notNullHazards(table, column string) []engines.Hazard {
	return []engines.Hazard{
		hazard(engines.HazardMayFailOnData, "column "+column+" becomes NOT NULL: fails on NULL values"),
		hazard(engines.HazardBlockingLock, "making "+column+" NOT NULL checks every row of "+table+" under a lock: writes wait until it ends"),
	}
}

// keyDropHazards are the hazards of dropping a primary or unique key whose
// index Oracle made for it (and drops with it); an index the table keeps
// in its own right stays.
func keyDropHazards(t *engines.Table, c *engines.Constraint) []engines.Hazard {
	if c.Kind != engines.PrimaryKey && c.Kind != engines.Unique || c.NotEnforced || keyIndex(t, c) != nil {
		return nil
	}
	return []engines.Hazard{hazard(engines.HazardIndexDropped, "dropping "+c.Name+" drops the index Oracle made for it: queries that use it get slower")}
}

// phaseOfEnabled is the phase of a constraint enabled or changed in place:
// foreign keys after the keys they reference.
func phaseOfEnabled(c *engines.Constraint) int {
	if c.Kind == engines.ForeignKey {
		return phForeignKey
	}
	return phConstraint
}
