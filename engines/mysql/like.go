package mysql

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/schemasync/schemasync/engines"
)

// createLike applies CREATE TABLE b LIKE a (or b (LIKE a)): b is a copy of
// a as the statements before it left it (stmtPass runs it in file order
// with the ALTERs).
func (b *builder) createLike(n *ast.CreateTableStmt) error {
	name, from := n.Table.Name.O, n.ReferTable.Name.O
	if q := n.ReferTable.Schema.O; q != "" {
		b.p.warn(fmt.Sprintf("%s: LIKE %s.%s: the schema qualifier is dropped (the files describe one database)", b.s.where(), q, from))
	}
	exists := n.IfNotExists && b.p.tables[name] != nil
	if exists && b.p.flavor.MariaDB {
		return nil // MariaDB keeps the table it has before it looks at a
	}
	src := b.p.tables[from]
	if src == nil || b.p.defined["TABLE "+from].seq > b.s.seq {
		// Not there, or made later in the files (a CREATE TABLE, made in
		// an earlier pass than this statement's, after a DROP).
		before, err := b.p.sourceBefore(b.s, from)
		if err != nil {
			return b.s.fail(err)
		}
		if before != nil || src == nil {
			src = before
		}
	}
	if src == nil {
		if b.p.definesView(from) {
			return b.s.fail(fmt.Errorf("LIKE %s: %s is a view, and LIKE copies tables only (the server refuses it)", from, from))
		}
		return b.s.fail(fmt.Errorf("LIKE %s: table %s is not defined before this statement", from, from))
	}
	if exists {
		return nil
	}
	if err := b.p.define(b.s, "TABLE", name); err != nil {
		return err
	}
	ts := b.p.likeCopy(src, name)
	b.p.tables[name] = ts
	b.p.schema.Tables = append(b.p.schema.Tables, ts.t)
	if b.s.notes {
		b.p.tableSite(b.s, ts.t)
	}
	return nil
}

// likeCopy makes table name a copy of src as the servers copy a table:
// columns, keys, checks, options and partitioning, but no foreign keys
// (the indexes the server made for them stay, as keys of their own), no
// triggers and no AUTO_INCREMENT counter (which the model does not hold).
//
// Check names: MariaDB keeps them (its check names are per table). TiDB
// names the copies b_chk_1, b_chk_2... in the order of a's checks, the
// order kept here. MySQL does the same in the order of a's check names,
// which the model does not have (it reads files by MariaDB's names:
// unnamed checks are CONSTRAINT_N), so the mysql engine keeps MariaDB's;
// Plan matches checks by expression, and uniqueCheckNames gives what it
// creates on MySQL names of its own.
func (p *parser) likeCopy(src *tableState, name string) *tableState {
	t := cloneTable(src.t)
	t.Name, t.RenamedFrom, t.Triggers = name, "", nil
	if t.Options == nil {
		t.Options = map[string]string{}
	}
	for _, c := range t.Columns {
		c.RenamedFrom = "" // the copy's history starts here
	}
	// The model adds the index a foreign key needs at the end (finish); the
	// copy takes it now, as a has it. (The servers still count it as made
	// for a foreign key: a later key on its columns replaces it. The model
	// keeps it, as it keeps the index of a dropped foreign key.)
	withFKs := &tableState{t: t, fkNamed: src.fkNamed}
	for _, c := range t.Constraints {
		if c.Kind == engines.ForeignKey {
			p.addFKIndex(withFKs, c)
		}
	}
	t.Constraints = slices.DeleteFunc(t.Constraints, func(c *engines.Constraint) bool { return c.Kind == engines.ForeignKey })
	ts := &tableState{t: t, checkCount: src.checkCount, fkNamed: map[string]bool{}, columnChecks: maps.Clone(src.columnChecks)}
	if p.flavor.TiDB {
		// TiDB copies the count that names its next unnamed foreign key.
		ts.fkCount = src.fkCount
		n := 0
		for _, c := range t.Constraints {
			if c.Kind == engines.Check {
				n++
				c.Name = fmt.Sprintf("%s_chk_%d", name, n)
			}
		}
	}
	return ts
}

// cloneTable deep-copies a table: a copy must not follow later ALTERs of
// its source.
func cloneTable(t *engines.Table) *engines.Table {
	db := &engines.Database{Schemas: []*engines.Schema{{Tables: []*engines.Table{t}}}}
	return db.Clone().Schemas[0].Tables[0]
}

// sourceBefore reads table from as the statements before s left it, for
// a copy of a table that a later DROP TABLE removed from the statements
// applied: those before s are applied again, with their own DROPs, up to
// the ALTERs pass. It returns nil when they define no such table, or when
// no DROP removed anything.
func (p *parser) sourceBefore(s stmtAt, from string) (*tableState, error) {
	if len(p.kept) == len(p.all) {
		return nil, nil // no DROP removed anything
	}
	// Without warnings: the whole parse gives them.
	sub := newFileParser(p.ctx, engines.ParseOptions{SkipUnsupported: p.opts.SkipUnsupported}, p.db.Engine, p.flavor)
	if err := sub.run(p.all[:s.seq], 1); err != nil {
		return nil, fmt.Errorf("reading table %s as the statements before this one leave it: %w", from, err)
	}
	return sub.tables[from], nil
}

// definesView reports whether the files define a view of that name (views
// are read after the tables).
func (p *parser) definesView(name string) bool {
	for _, s := range p.kept {
		if key, _ := objectKeys(s.text); key == "VIEW "+name {
			return true
		}
	}
	return false
}
