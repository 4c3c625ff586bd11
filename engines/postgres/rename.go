package postgres

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// renameTarget returns the target as it will be once the renames the
// source's renamed-from annotations confirm are done (a copy: the caller's
// model is not changed), with the renames as changes. The planner
// diffs that copy, so what else differs in a renamed table or column is
// planned as usual, under the new names.
func renameTarget(target, source *engines.Database) (*engines.Database, []*engines.Change, error) {
	renames, err := engines.FindRenames(target, source, false)
	if err != nil || len(renames) == 0 {
		return target, nil, err
	}
	raw, err := json.Marshal(target)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: copy model: %w", err)
	}
	cp := &engines.Database{}
	if err := json.Unmarshal(raw, cp); err != nil {
		return nil, nil, fmt.Errorf("postgres: copy model: %w", err)
	}
	var changes []*engines.Change
	for _, r := range renames {
		ts, ss := cp.Schema(r.Schema), source.Schema(r.Schema)
		switch r.Kind {
		case engines.KindTable:
			old := *ts.Table(r.From)
			changes = append(changes, r.Change(&old, ss.Table(r.To)))
		case engines.KindColumn:
			// Tables are renamed first: find the column's table by its
			// old name when it is renamed too.
			t := ts.Table(r.Table)
			for _, tr := range renames {
				if tr.Kind == engines.KindTable && tr.Schema == r.Schema && tr.To == r.Table {
					t = ts.Table(tr.From)
				}
			}
			old := *t.Column(r.From)
			changes = append(changes, r.Change(&old, ss.Table(r.Table).Column(r.To)))
		}
	}
	engines.ApplyRenames(cp, renames, false)
	for _, r := range renames {
		if r.Kind == engines.KindColumn {
			renameInExpressions(cp.Schema(r.Schema).Table(r.Table), r.From, r.To)
		}
	}
	return cp, append(changes, followNames(cp, source, renames)...), nil
}

// renameInExpressions renames a column where the expressions of its own
// table name it — checks, defaults, generated columns, index expressions
// and predicates, policies — as the server does, which keeps them by
// column number. Views are left alone: a view keeps the old name as its
// output column's, so it is compared (and re-created) as written.
func renameInExpressions(t *engines.Table, from, to string) {
	if t == nil {
		return
	}
	for _, c := range t.Constraints {
		c.Check = renameIdent(c.Check, from, to)
	}
	for _, c := range t.Columns {
		c.Default = renameIdent(c.Default, from, to)
		c.Generated = renameIdent(c.Generated, from, to)
	}
	for _, ix := range t.Indexes {
		ix.Where = renameIdent(ix.Where, from, to)
		for _, p := range ix.Parts {
			p.Expr = renameIdent(p.Expr, from, to)
		}
	}
	for _, pol := range t.Policies {
		pol.Using = renameIdent(pol.Using, from, to)
		pol.WithCheck = renameIdent(pol.WithCheck, from, to)
	}
}

// renameIdent replaces the identifier from (bare or double-quoted) by to
// in an expression, leaving string literals alone.
func renameIdent(expr, from, to string) string {
	if expr == "" || !strings.Contains(expr, from) {
		return expr
	}
	var b strings.Builder
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			j := i + 1
			for j < len(expr) && (expr[j] != '\'' || j+1 < len(expr) && expr[j+1] == '\'') {
				if expr[j] == '\'' {
					j++
				}
				j++
			}
			b.WriteString(expr[i:min(j+1, len(expr))])
			i = j + 1
		case c == '"':
			j := i + 1
			for j < len(expr) && (expr[j] != '"' || j+1 < len(expr) && expr[j+1] == '"') {
				if expr[j] == '"' {
					j++
				}
				j++
			}
			word := strings.ReplaceAll(expr[i+1:min(j, len(expr))], `""`, `"`)
			if word == from {
				b.WriteString(quoteIdent(to))
			} else {
				b.WriteString(expr[i:min(j+1, len(expr))])
			}
			i = j + 1
		case isIdentStart(c):
			j := i
			for j < len(expr) && isIdentPart(expr[j]) {
				j++
			}
			// A bare word is the name only when the name needs no quotes.
			if expr[i:j] == from && quoteIdent(from) == from && (i == 0 || expr[i-1] != '$') {
				b.WriteString(quoteIdent(to))
			} else {
				b.WriteString(expr[i:j])
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// followNames renames what the server named after a renamed table or
// column when it was created — constraints (users_pkey,
// users_email_key), indexes and serial sequences (users_id_seq) — where
// the source has the object under the name the new table or column gives
// (people_pkey) and not under the old one: renaming keeps a primary key
// and the foreign keys that depend on it, where a diff by name would drop
// and rebuild them. target is the renamed copy; the changes returned are
// Rename changes of kinds constraint, index and sequence.
func followNames(target, source *engines.Database, renames []engines.ConfirmedRename) []*engines.Change {
	type tableKey struct{ schema, name string }
	follow := map[tableKey]func(string) string{}
	var order []tableKey
	for _, r := range renames {
		k := tableKey{r.Schema, r.To}
		if r.Kind == engines.KindColumn {
			k.name = r.Table
		}
		prev, seen := follow[k]
		if !seen {
			order = append(order, k)
			prev = func(n string) string { return n }
		}
		r := r
		switch r.Kind {
		case engines.KindTable:
			follow[k] = func(n string) string {
				n = prev(n)
				if rest, ok := strings.CutPrefix(n, r.From+"_"); ok {
					return r.To + "_" + rest
				}
				return n
			}
		case engines.KindColumn:
			follow[k] = func(n string) string {
				n = prev(n)
				if rest, ok := strings.CutPrefix(n, r.Table+"_"); ok {
					return r.Table + "_" + strings.Replace("_"+rest, "_"+r.From+"_", "_"+r.To+"_", 1)[1:]
				}
				return n
			}
		}
	}
	var changes []*engines.Change
	for _, k := range order {
		ts, ss := target.Schema(k.schema), source.Schema(k.schema)
		t, st := ts.Table(k.name), ss.Table(k.name)
		if t == nil || st == nil {
			continue
		}
		newName := func(old string, exists func(*engines.Table, string) bool) string {
			n := follow[k](old)
			if n == old || exists(st, old) || !exists(st, n) || exists(t, n) {
				return ""
			}
			return n
		}
		for _, c := range t.Constraints {
			if n := newName(c.Name, hasConstraint); n != "" {
				before := *c
				c.Name = n
				changes = append(changes, &engines.Change{Op: engines.Rename, Kind: engines.KindConstraint, Schema: k.schema, Table: k.name, Name: n, Fields: []string{"name"}, From: &before, To: c})
			}
		}
		for _, ix := range t.Indexes {
			if n := newName(ix.Name, hasIndex); n != "" {
				before := *ix
				ix.Name = n
				changes = append(changes, &engines.Change{Op: engines.Rename, Kind: engines.KindIndex, Schema: k.schema, Table: k.name, Name: n, Fields: []string{"name"}, From: &before, To: ix})
			}
		}
		for _, q := range ts.Sequences {
			owner, col, ok := strings.Cut(q.OwnedBy, ".")
			if !ok || owner != k.name || strings.Contains(col, ".") {
				continue
			}
			n := follow[k](q.Name)
			if n == q.Name || sequenceNamed(ss, q.Name) || !sequenceNamed(ss, n) || sequenceNamed(ts, n) {
				continue
			}
			before := *q
			q.Name = n
			if c := t.Column(col); c != nil {
				// The default names the sequence by its OID: it prints the
				// new name once the sequence is renamed.
				c.Default = strings.Replace(c.Default, quoteLiteral(regclassName(k.schema, before.Name)), quoteLiteral(regclassName(k.schema, n)), 1)
			}
			changes = append(changes, &engines.Change{Op: engines.Rename, Kind: engines.KindSequence, Schema: k.schema, Name: n, Fields: []string{"name"}, From: &before, To: q})
		}
	}
	return changes
}

// regclassName is how a default's nextval() names a sequence: qualified
// outside public.
func regclassName(schema, name string) string {
	if schema == "public" {
		return quoteIdent(name)
	}
	return qualify(schema, name)
}

func sequenceNamed(s *engines.Schema, name string) bool {
	for _, q := range s.Sequences {
		if q.Name == name {
			return true
		}
	}
	return false
}

func hasConstraint(t *engines.Table, name string) bool { return constraintNamed(t, name) != nil }

func hasIndex(t *engines.Table, name string) bool {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return true
		}
	}
	return false
}

// emitRenames plans the renames of renameTarget's changes, before
// everything else.
func (p *planner) emitRenames(changes []*engines.Change) {
	for _, c := range changes {
		obj, to := c.Object(), quoteIdent(c.Name)
		switch c.Kind {
		case engines.KindTable:
			p.add(phRenames, obj, "ALTER TABLE "+qualify(c.Schema, c.From.(*engines.Table).Name)+" RENAME TO "+to)
		case engines.KindColumn:
			p.add(phRenames, obj, "ALTER TABLE "+qualify(c.Schema, c.Table)+" RENAME COLUMN "+quoteIdent(c.From.(*engines.Column).Name)+" TO "+to)
		case engines.KindConstraint:
			p.add(phRenames, obj, "ALTER TABLE "+qualify(c.Schema, c.Table)+" RENAME CONSTRAINT "+quoteIdent(c.From.(*engines.Constraint).Name)+" TO "+to)
		case engines.KindIndex:
			p.add(phRenames, obj, "ALTER INDEX "+qualify(c.Schema, c.From.(*engines.Index).Name)+" RENAME TO "+to)
		case engines.KindSequence:
			p.add(phRenames, obj, "ALTER SEQUENCE "+qualify(c.Schema, c.From.(*engines.Sequence).Name)+" RENAME TO "+to)
		}
	}
}
