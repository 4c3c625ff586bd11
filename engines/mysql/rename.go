package mysql

import (
	"sort"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// planRenames renames, first thing in the plan, the tables and columns the
// source's renamed-from annotations confirm (engines.FindRenames), and
// applies the renames to the target model so that the rest of the diff
// compares what remains: a renamed column whose type also changes is
// renamed, then modified. tgt is the planner's own copy of the target.
func (d *differ) planRenames(tgt, src *engines.Database) error {
	renames, err := engines.FindRenames(tgt, src, true)
	if err != nil || len(renames) == 0 {
		return err
	}
	s, ss := schemaOf(tgt), schemaOf(src)
	var changes []*engines.Change
	byTable := map[string][]engines.ConfirmedRename{}
	var tables []string
	for _, r := range renames {
		if r.Kind == engines.KindTable {
			old := *s.Table(r.From)
			changes = append(changes, r.Change(&old, ss.Table(r.To)))
			d.renames = append(d.renames, stmt("RENAME TABLE "+quoteIdent(r.From)+" TO "+quoteIdent(r.To), "table "+r.To))
			d.tableWas[r.To] = r.From
			continue
		}
		if byTable[r.Table] == nil {
			tables = append(tables, r.Table)
		}
		byTable[r.Table] = append(byTable[r.Table], r)
	}
	// Tables first: the column renames name tables by their new names.
	columnRenames := renames[len(renames)-countColumns(renames):]
	engines.ApplyRenames(tgt, renames[:len(renames)-len(columnRenames)], true)
	for to, from := range d.tableWas {
		d.followTableName(s.Table(to), from)
	}
	sort.Strings(tables)
	for _, name := range tables {
		t, st := s.Table(name), ss.Table(name)
		cols := byTable[name]
		if d.flavor.MariaDB {
			// MariaDB rewrites the expressions that use a renamed column.
			renameInExpressions(t, cols)
		} else {
			d.renames = append(d.renames, d.alterStatements(name, d.dropDependents(t, cols))...)
		}
		var clauses []clause
		for _, r := range cols {
			from, to := columnCI(t, r.From), columnCI(st, r.To)
			old := *from
			changes = append(changes, r.Change(&old, to))
			clauses = append(clauses, clause{sql: "RENAME COLUMN " + quoteIdent(from.Name) + " TO " + quoteIdent(r.To),
				op: &AlterOp{Kind: OpRenameColumn, Table: t, From: &old, Column: to, Referenced: referencedColumn(s, name, from.Name)}})
		}
		clauses = append(clauses, followColumnNames(t, st, cols)...)
		d.renames = append(d.renames, d.alterStatements(name, clauses)...)
	}
	engines.ApplyRenames(tgt, columnRenames, true)
	d.plan.Changes = append(changes, d.plan.Changes...)
	return nil
}

// followTableName renames in the model what the server renames with a
// table: the names it generated for foreign keys (t_ibfk_N) and, MySQL
// only, checks (t_chk_N).
func (d *differ) followTableName(t *engines.Table, from string) {
	for _, c := range t.Constraints {
		for _, infix := range []string{"_ibfk_", "_chk_"} {
			rest, ok := strings.CutPrefix(c.Name, from+infix)
			if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" ||
				infix == "_ibfk_" && c.Kind != engines.ForeignKey || infix == "_chk_" && (c.Kind != engines.Check || d.flavor.MariaDB) {
				continue
			}
			c.Name = t.Name + infix + rest
		}
	}
}

// followColumnNames renames the indexes named after a renamed column the
// way the server names a key it is not given a name for (the first
// column's name, then _2, _3...), when the source has the index under the
// new column's name and not under the old: a rename, not a rebuild.
func followColumnNames(t, st *engines.Table, cols []engines.ConfirmedRename) []clause {
	var out []clause
	for _, ix := range t.Indexes {
		for _, r := range cols {
			rest, ok := cutPrefixFold(ix.Name, r.From)
			if !ok || rest != "" && (!strings.HasPrefix(rest, "_") || strings.Trim(rest[1:], "0123456789") != "" || len(rest) == 1) {
				continue
			}
			name := r.To + rest
			if indexByName(st, name) == nil || indexByName(st, ix.Name) != nil || indexByName(t, name) != nil {
				continue
			}
			before := *ix
			out = append(out, cl("RENAME INDEX "+quoteIdent(ix.Name)+" TO "+quoteIdent(name)).with(AlterOp{Kind: OpRenameIndex, Table: t, Index: &before}))
			ix.Name = name
			break
		}
	}
	return out
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// dropDependents drops, before MySQL renames columns, what uses them in an
// expression: MySQL refuses the rename while a check, a generated column,
// a default expression or a functional index names the column. They leave
// the target model too, so that the diff adds them back as the source has
// them, naming the new columns. A generated column's values are computed
// again; no stored data is lost.
func (d *differ) dropDependents(t *engines.Table, cols []engines.ConfirmedRename) []clause {
	var out []clause
	var checks []*engines.Constraint
	for _, c := range t.Constraints {
		if c.Kind == engines.Check && usesAnyColumn(c.Check, cols) {
			out = append(out, cl(d.flavor.DropCheck(c.Name)).with(AlterOp{Kind: OpDropCheck, Table: t, Name: c.Name}))
			continue
		}
		checks = append(checks, c)
	}
	var indexes []*engines.Index
	for _, ix := range t.Indexes {
		uses := false
		for _, p := range ix.Parts {
			uses = uses || p.Expr != "" && usesAnyColumn(p.Expr, cols)
		}
		if uses {
			out = append(out, cl("DROP INDEX "+quoteIdent(ix.Name)).with(AlterOp{Kind: OpDropIndex, Table: t, Index: ix}))
			continue
		}
		indexes = append(indexes, ix)
	}
	var columns []*engines.Column
	for _, c := range t.Columns {
		switch {
		case c.Generated != "" && usesAnyColumn(c.Generated, cols):
			out = append(out, cl("DROP COLUMN "+quoteIdent(c.Name)).with(AlterOp{Kind: OpDropColumn, Table: t, Column: c}))
			continue
		case c.Default != "" && !constantDefault(c.Default) && usesAnyColumn(c.Default, cols):
			out = append(out, cl("ALTER COLUMN "+quoteIdent(c.Name)+" DROP DEFAULT").with(AlterOp{Kind: OpModifyColumn, Table: t, From: c, Column: c, Fields: []string{"default"}}))
			c.Default = ""
		}
		columns = append(columns, c)
	}
	t.Constraints, t.Indexes, t.Columns = checks, indexes, columns
	return out
}

// renameInExpressions renames the columns where the model's expressions
// of a table name them, as MariaDB does with the rename.
func renameInExpressions(t *engines.Table, cols []engines.ConfirmedRename) {
	rename := func(e string) string {
		for _, r := range cols {
			e = replaceFold(e, quoteIdent(r.From), quoteIdent(r.To))
		}
		return e
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.Check {
			c.Check = rename(c.Check)
		}
	}
	for _, c := range t.Columns {
		c.Generated = rename(c.Generated)
		if !constantDefault(c.Default) {
			c.Default = rename(c.Default)
		}
	}
	for _, ix := range t.Indexes {
		for _, p := range ix.Parts {
			p.Expr = rename(p.Expr)
		}
	}
}

// replaceFold replaces every occurrence of old in s, ignoring case.
func replaceFold(s, old, new string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+len(old) <= len(s) && strings.EqualFold(s[i:i+len(old)], old) {
			b.WriteString(new)
			i += len(old)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func countColumns(renames []engines.ConfirmedRename) int {
	n := 0
	for _, r := range renames {
		if r.Kind == engines.KindColumn {
			n++
		}
	}
	return n
}

// usesAnyColumn reports whether a canonical expression names one of the
// renamed columns (the printer quotes every column name).
func usesAnyColumn(expr string, renames []engines.ConfirmedRename) bool {
	e := strings.ToLower(expr)
	for _, r := range renames {
		if strings.Contains(e, strings.ToLower(quoteIdent(r.From))) {
			return true
		}
	}
	return false
}

// referencedColumn reports whether a foreign key (of another table, or of
// the table itself) references the column.
func referencedColumn(s *engines.Schema, table, column string) bool {
	for _, u := range s.Tables {
		for _, c := range u.Constraints {
			if c.Kind != engines.ForeignKey || c.RefTable != table {
				continue
			}
			for _, rc := range c.RefColumns {
				if strings.EqualFold(rc, column) {
					return true
				}
			}
		}
	}
	return false
}
