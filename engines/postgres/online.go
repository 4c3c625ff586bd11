package postgres

// Online strategies: how a plan changes tables that exist, and may be busy,
// without holding locks that stop reads or writes for longer than a moment.
//
//   - Indexes on existing tables are built and dropped CONCURRENTLY, each
//     statement on its own (outside a transaction). A failed concurrent
//     build leaves an INVALID index behind; apply drops it (apply.go).
//   - A changed index is built under a temporary name first, then the old
//     one is dropped and the new one takes its name: queries always have one.
//   - New CHECK and FOREIGN KEY constraints on existing tables are added NOT
//     VALID (a brief lock, no scan), then validated in a transaction of
//     their own, whose lock lets reads and writes go on.
//   - A UNIQUE or PRIMARY KEY constraint on an existing table is built as a
//     unique index CONCURRENTLY, then attached (ADD CONSTRAINT ... USING INDEX).
//   - SET NOT NULL goes through a validated CHECK (col IS NOT NULL), which
//     lets the server skip its scan under an exclusive lock (PostgreSQL 12+).
//   - Every plan that changes existing objects sets lock_timeout, so a
//     statement waiting behind a long transaction gives up instead of
//     stalling every query queued behind it; the statements that wait
//     without blocking anyone (the concurrent and validating ones) run with
//     the server's own lock_timeout instead.
//
// The slow steps come after the transactional part of the plan has
// committed (the phOnline* phases of order.go), so that a build never holds
// the locks of the rest of the plan, nor splits it in two. Where a strategy
// would be unsafe (partitioned tables, keys other statements of the plan
// rely on, columns retyped in the same plan) the plain form is kept, with
// its blocking_lock hazard. PlanOptions.Online.Off keeps the plain forms
// everywhere.

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/schemasync/schemasync/engines"
)

// onlineState is what the online strategies need to know about the whole
// plan before its statements are generated.
type onlineState struct {
	opts engines.OnlineOptions
	// fkRefsPlanned holds the tables that a foreign key added or changed by
	// the plan references: their keys must exist before the transactional
	// part ends, so they are not built at the end.
	fkRefsPlanned map[string]bool
	// pkAdded holds the tables that get a new primary key (which sets its
	// columns NOT NULL itself).
	pkAdded map[string]bool
	// inherited holds the tables other tables inherit from, on either side.
	inherited map[string]bool
	// touchesTarget is set when the plan changes objects that exist in the
	// target (and so may wait for locks).
	touchesTarget bool
}

// prepareOnline records what the online strategies need from the changes.
func (p *planner) prepareOnline(opts engines.OnlineOptions, changes []*engines.Change) {
	p.online = onlineState{opts: opts, fkRefsPlanned: map[string]bool{}, pkAdded: map[string]bool{}, inherited: map[string]bool{}}
	for _, m := range []*modelIndex{p.tgt, p.src} {
		for _, t := range m.tables {
			for _, in := range t.Inherits {
				s, n := engines.SplitQualified(in, t.Schema)
				p.online.inherited[key(s, n)] = true
			}
		}
	}
	for _, c := range changes {
		if c.Op != engines.Add || (c.Table != "" && p.tgt.tables[key(c.Schema, c.Table)] != nil) {
			p.online.touchesTarget = true
		}
		if t, ok := c.To.(*engines.Table); ok && c.Op != engines.Drop {
			// A new (or recreated) table's foreign keys are added in this
			// transaction too.
			for _, con := range t.Constraints {
				if con.Kind == engines.ForeignKey {
					rs := con.RefSchema
					if rs == "" {
						rs = t.Schema
					}
					p.online.fkRefsPlanned[key(rs, con.RefTable)] = true
				}
			}
		}
		con, ok := c.To.(*engines.Constraint)
		if !ok || c.Op == engines.Drop {
			continue
		}
		switch con.Kind {
		case engines.ForeignKey:
			rs := con.RefSchema
			if rs == "" {
				rs = c.Schema
			}
			p.online.fkRefsPlanned[key(rs, con.RefTable)] = true
		case engines.PrimaryKey:
			p.online.pkAdded[key(c.Schema, c.Table)] = true
		}
	}
}

// existingTable returns the target's table when the online forms may change
// it: online forms are on and the table exists on both sides and stays (it
// is neither created nor recreated by the plan).
func (p *planner) existingTable(schema, table string) (tgt, src *engines.Table, ok bool) {
	k := key(schema, table)
	tgt, src = p.tgt.tables[k], p.src.tables[k]
	if p.online.opts.Off || tgt == nil || src == nil || p.tblAdded[k] || p.tblReplaced[k] {
		return nil, nil, false
	}
	return tgt, src, true
}

// concurrentIndexable reports whether indexes of the table may be built and
// dropped CONCURRENTLY: the server refuses that on partitioned tables.
func (p *planner) concurrentIndexable(schema, table string) bool {
	tgt, src, ok := p.existingTable(schema, table)
	return ok && tgt.PartitionBy == "" && src.PartitionBy == ""
}

// keyReferenced reports whether a foreign key of the target or of the plan
// references the table: its unique indexes may then be what the keys use.
func (p *planner) keyReferenced(tk string) bool {
	return len(p.tgt.fkRefs[tk]) > 0 || p.online.fkRefsPlanned[tk]
}

// concurrently turns a plain CREATE INDEX or DROP INDEX into its
// CONCURRENTLY form.
func concurrently(sql string) string {
	for _, prefix := range []string{"CREATE UNIQUE INDEX ", "CREATE INDEX ", "DROP INDEX "} {
		if strings.HasPrefix(sql, prefix) {
			return prefix + "CONCURRENTLY " + sql[len(prefix):]
		}
	}
	return sql
}

func notTransactional(what string) engines.Hazard {
	return hz(engines.HazardNotTransaction, "%s runs outside a transaction, after the statements before it are committed", what)
}

// addOnline queues a statement that runs on its own (outside the plan's
// transactions).
func (p *planner) addOnline(ph phase, object, sql string, hazards ...engines.Hazard) *planStmt {
	ps := p.add(ph, object, sql, hazards...)
	ps.stmt.NoTransaction = true
	return ps
}

// emitIndexOnline plans an index change of an existing table online; false
// leaves it to the plain forms.
func (p *planner) emitIndexOnline(c *engines.Change) bool {
	if !p.concurrentIndexable(c.Schema, c.Table) {
		return false
	}
	tk := key(c.Schema, c.Table)
	obj := c.Object()
	table := qualify(c.Schema, c.Table)
	from, _ := c.From.(*engines.Index)
	to, _ := c.To.(*engines.Index)
	// The index of REPLICA IDENTITY USING INDEX or CLUSTER ON must exist
	// when that statement runs, in the transactional part.
	if tt, st := p.tgt.tables[tk], p.src.tables[tk]; tt.ReplicaIdentityIndex == c.Name || st.ReplicaIdentityIndex == c.Name ||
		tt.ClusterOn == c.Name || st.ClusterOn == c.Name {
		return false
	}
	// A unique index may be what a foreign key relies on: the key must not
	// be without it, so such changes keep the plain, transactional forms.
	if (from != nil && from.Unique || to != nil && to.Unique) && p.keyReferenced(tk) {
		return false
	}
	build := func(name string, idx *engines.Index) {
		cp := *idx
		cp.Name = name
		hazards := []engines.Hazard{hz(engines.HazardIndexBuild, "%s is built CONCURRENTLY: reads and writes of %s go on, the build scans the table twice", obj, table)}
		if idx.Unique {
			hazards = append(hazards, hz(engines.HazardMayFailOnData, "a unique index fails on duplicate keys; apply drops the INVALID index a failed build leaves"))
		}
		hazards = append(hazards, notTransactional("CREATE INDEX CONCURRENTLY"))
		p.addOnline(phOnlineBuild, obj, concurrently(createIndexSQL(c.Schema, c.Table, &cp)), hazards...)
		for _, sql := range indexStatsSQL(c.Schema, &cp, nil) {
			p.addOnline(phOnlineBuild, obj, sql)
		}
	}
	switch {
	case invalidIndex(c) != nil:
		// Left INVALID by a failed concurrent build: no query uses it, so
		// it goes first and the index is built again under its own name.
		p.addOnline(phOnlineDropIndexes, obj, concurrently(dropIndexSQL(c.Schema, c.Name)),
			notTransactional("DROP INDEX CONCURRENTLY"))
		if c.Op == engines.Replace {
			build(to.Name, to)
		}
	case c.Op == engines.Add:
		build(to.Name, to)
	case c.Op == engines.Drop:
		p.addOnline(phOnlineDropIndexes, obj, concurrently(dropIndexSQL(c.Schema, c.Name)),
			hz(engines.HazardIndexDropped, "queries using %s lose it", obj), notTransactional("DROP INDEX CONCURRENTLY"))
	case c.Op == engines.Replace:
		// The old index stays until the new one is built, unless the
		// plan changes what the old one is made of before that point.
		if p.colsRetyped[tk] || len(p.funcsReplaced) > 0 || p.columnsDropped(tk) {
			return false
		}
		tmp := tempName(to.Name, "_ssync_new")
		build(tmp, to)
		p.addOnline(phOnlineAttach, obj, concurrently(dropIndexSQL(c.Schema, from.Name)),
			hz(engines.HazardIndexDropped, "the old %s is dropped once its replacement is built", obj), notTransactional("DROP INDEX CONCURRENTLY"))
		p.add(phOnlineAttach, obj, "ALTER INDEX "+qualify(c.Schema, tmp)+" RENAME TO "+quoteIdent(to.Name))
	default:
		return false
	}
	if to != nil && (slices.Contains(c.Fields, "comment") || (c.Op != engines.Alter && to.Comment != "")) {
		p.add(phOnlineAttach, obj, commentSQL("INDEX "+qualify(c.Schema, to.Name), to.Comment))
	}
	return true
}

// columnsDropped reports whether the plan drops a column of the table.
func (p *planner) columnsDropped(tk string) bool {
	for k := range p.droppedCols {
		if strings.HasPrefix(k, tk+".") {
			return true
		}
	}
	return false
}

// tempName is name with a suffix, shortened to PostgreSQL's 63 bytes.
func tempName(name, suffix string) string {
	const maxIdent = 63
	if len(name)+len(suffix) > maxIdent {
		name = name[:maxIdent-len(suffix)]
	}
	return name + suffix
}

// addConstraintOnline adds a constraint to an existing table online; false
// leaves it to the plain form.
func (p *planner) addConstraintOnline(t *engines.Table, c *engines.Constraint, obj string) bool {
	tgt, src, ok := p.existingTable(t.Schema, t.Name)
	if !ok || c.NotValid {
		return false
	}
	table := qualify(t.Schema, t.Name)
	switch c.Kind {
	case engines.Check, engines.ForeignKey:
		ph := phAddConstraints
		if c.Kind == engines.ForeignKey {
			if src.PartitionBy != "" {
				return false // the server refuses NOT VALID foreign keys on partitioned tables
			}
			ph = phAddFKs
		}
		p.add(ph, obj, addConstraintSQL(t, notValid(c)))
		p.validate(t.Schema, t.Name, c.Name, obj, fmt.Sprintf("validating %s fails if existing rows violate it", obj))
		return true
	case engines.Unique, engines.PrimaryKey:
		tk := key(t.Schema, t.Name)
		if src.PartitionBy != "" || tgt.PartitionBy != "" || p.online.fkRefsPlanned[tk] || len(c.Options) > 0 {
			return false
		}
		for _, old := range tgt.Constraints {
			if old.Name == c.Name {
				return false // changed in place: dropped first, so built in the transaction
			}
		}
		if c.Kind == engines.PrimaryKey {
			for _, col := range c.Columns {
				if tc := tgt.Column(col); tc == nil || !tc.NotNull {
					return false // the key would set NOT NULL with a scan under an exclusive lock
				}
			}
		}
		parts := make([]*engines.IndexPart, len(c.Columns))
		for i, col := range c.Columns {
			parts[i] = &engines.IndexPart{Column: col}
		}
		idx := &engines.Index{Name: c.Name, Unique: true, Method: "btree", Parts: parts, Include: c.Include, NullsNotDistinct: c.NullsNotDistinct}
		p.addOnline(phOnlineBuild, obj, concurrently(createIndexSQL(t.Schema, t.Name, idx)),
			hz(engines.HazardIndexBuild, "the index of %s is built CONCURRENTLY: reads and writes of %s go on", obj, table),
			hz(engines.HazardMayFailOnData, "the build fails on duplicate keys; apply drops the INVALID index a failed build leaves"),
			notTransactional("CREATE INDEX CONCURRENTLY"))
		kind := "UNIQUE"
		if c.Kind == engines.PrimaryKey {
			kind = "PRIMARY KEY"
		}
		sql := "ALTER TABLE " + table + " ADD CONSTRAINT " + quoteIdent(c.Name) + " " + kind + " USING INDEX " + quoteIdent(c.Name)
		if c.Deferrable {
			sql += " DEFERRABLE"
			if c.InitiallyDeferred {
				sql += " INITIALLY DEFERRED"
			}
		}
		p.add(phOnlineAttach, obj, sql)
		if c.Comment != "" {
			// Comments of the constraint come in phComments, before the
			// constraint exists: this one goes after.
			p.add(phOnlineAttach, obj, commentSQL(constraintObject(t.Schema, t.Name, c.Name), c.Comment))
		}
		return true
	}
	return false
}

// validate queues VALIDATE CONSTRAINT in a transaction of its own, at the
// end of the plan.
func (p *planner) validate(schema, table, name, obj, why string) {
	p.addOnline(phOnlineValidate, obj, "ALTER TABLE "+qualify(schema, table)+" VALIDATE CONSTRAINT "+quoteIdent(name),
		hz(engines.HazardMayFailOnData, "%s", why),
		notTransactional("VALIDATE CONSTRAINT"))
}

// setNotNullOnline plans SET NOT NULL on a column of an existing table
// through a validated CHECK; false leaves it to the plain form.
func (p *planner) setNotNullOnline(c *engines.Change, from, to *engines.Column) bool {
	tgt, src, ok := p.existingTable(c.Schema, c.Table)
	if !ok {
		return false
	}
	tk := key(c.Schema, c.Table)
	// Tables in a partition or inheritance tree, columns whose type or
	// identity changes too, and tables getting a primary key keep the
	// plain form: there, other statements of the plan need the NOT NULL
	// before the end of the plan.
	if src.PartitionBy != "" || src.PartitionOf != "" || len(src.Inherits) > 0 || tgt.PartitionOf != "" || len(tgt.Inherits) > 0 ||
		p.online.inherited[tk] || len(p.tgt.partitions[tk]) > 0 || p.colsRetyped[tk] || p.online.pkAdded[tk] ||
		to.Identity != "" || from.Identity != "" || to.Generated != "" {
		return false
	}
	for _, f := range c.Fields {
		if f != "not_null" && f != "default" && f != "comment" {
			return false
		}
	}
	table := qualify(c.Schema, c.Table)
	obj := c.Object()
	check := tempName("schemasync_nn_"+c.Name, "")
	p.add(phAlterTables, obj, "ALTER TABLE "+table+" ADD CONSTRAINT "+quoteIdent(check)+" CHECK ("+quoteIdent(c.Name)+" IS NOT NULL) NOT VALID")
	p.validate(c.Schema, c.Table, check, obj, fmt.Sprintf("%s becomes NOT NULL: validating the temporary check fails if it holds NULLs", c.Name))
	p.add(phOnlineFinish, obj, "ALTER TABLE "+table+" ALTER COLUMN "+quoteIdent(c.Name)+" SET NOT NULL")
	p.add(phOnlineFinish, obj, dropConstraintSQL(c.Schema, c.Table, check))
	return true
}

// sessionSettings puts the plan's timeouts in front of the statements that
// need them, as SET statements a reviewer sees and may edit: the statement
// timeout once at the start, the lock timeout before every statement that
// takes locks, and RESET lock_timeout before those that run on their own
// and wait without blocking anyone (concurrent builds, validations).
func (p *planner) sessionSettings(stmts []*engines.Statement) []*engines.Statement {
	if len(stmts) == 0 {
		return stmts
	}
	lock := p.online.opts.EffectiveLockTimeout()
	var out []*engines.Statement
	if st := p.online.opts.StatementTimeout; st > 0 {
		out = append(out, &engines.Statement{SQL: "SET statement_timeout = " + quoteLiteral(pgDuration(st)), Object: "session"})
	}
	if lock <= 0 || !p.online.touchesTarget {
		return append(out, stmts...)
	}
	current := "" // the server's own setting
	for _, s := range stmts {
		want := pgDuration(lock)
		if waitsWithoutBlocking(s) {
			want = ""
		}
		if want != current {
			sql := "RESET lock_timeout"
			if want != "" {
				sql = "SET lock_timeout = " + quoteLiteral(want)
			}
			out = append(out, &engines.Statement{SQL: sql, Object: "session"})
			current = want
		}
		out = append(out, s)
	}
	return out
}

// waitsWithoutBlocking reports whether a statement waits for other
// transactions with a lock that stops no reads or writes: queued behind a
// long transaction, it harms nobody, so it does not give up.
func waitsWithoutBlocking(s *engines.Statement) bool {
	return s.NoTransaction && (strings.Contains(s.SQL, " CONCURRENTLY ") || strings.Contains(s.SQL, " VALIDATE CONSTRAINT "))
}

// pgDuration prints a duration as PostgreSQL reads time settings.
func pgDuration(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return fmt.Sprintf("%dms", d/time.Millisecond)
}
