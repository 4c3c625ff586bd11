package engines

// Renames. A diff of two models cannot tell a renamed column from a column
// dropped and another added: both look the same, and the safe guess (drop
// and add) loses the column's data. So a schema file confirms a rename with
// an annotation, a comment on the line before the definition (or at the
// end of its first line):
//
//	-- schemasync:renamed-from old_name
//	CREATE TABLE new_name (
//	  -- schemasync:renamed-from old_column
//	  new_column int,
//	  ...
//
// The parsers record it as Table.RenamedFrom or Column.RenamedFrom;
// FindRenames and ApplyRenames let the engines' planners rename first and
// diff the rest as usual; RenameHints finds drops and adds that look like
// renames no annotation confirms, for the preview to suggest one.

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// RenamedFromMarker is the word of the annotation that confirms a rename.
const RenamedFromMarker = "schemasync:renamed-from"

// renameNoteRe finds an annotation: "--", the marker and the old name,
// which may be quoted with ` or ".
var renameNoteRe = regexp.MustCompile(`--[ \t]*` + regexp.QuoteMeta(RenamedFromMarker) + `(?:[ \t]+("(?:[^"]|"")+"|` + "`(?:[^`]|``)+`" + `|[^\s,;]+))?`)

// RenameSite is a definition an annotation can confirm the rename of: a
// CREATE TABLE statement or a column definition, by the byte offset of its
// first token in the file.
type RenameSite struct {
	Offset int
	// What names the definition for errors: "table t", "column t.c".
	What string
	// Set records the old name.
	Set func(from string)
}

// renameNote is one annotation found in a file.
type renameNote struct {
	offset, line int
	text         string // the whole comment, for errors
	from         string
	quoted       bool
	trailing     bool // code precedes it on its line
}

// HasRenameNotes tells cheaply whether a file may hold annotations, so that
// parsers collect sites only for such files.
func HasRenameNotes(text string) bool { return strings.Contains(text, RenamedFromMarker) }

// AttachRenames gives each annotation of a file to the definition it
// belongs to: an annotation alone on its line belongs to the definition
// that starts the next line holding code; one that ends a line belongs to
// the definition starting on that line, which must be the only one. fold turns an unquoted name
// into the name the server would use (PostgreSQL folds to lower case);
// nil keeps it. An annotation that belongs to no site, names nothing, or
// repeats another for the same site is an error naming its line: a
// misplaced annotation must not silently turn a rename into a drop.
func AttachRenames(f File, sites []RenameSite, fold func(string) string) error {
	notes := findRenameNotes(f.Text)
	if len(notes) == 0 {
		return nil
	}
	sorted := append([]RenameSite(nil), sites...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Offset < sorted[j].Offset })
	fail := func(n renameNote, format string, args ...any) error {
		return &StatementError{File: f.Path, Line: n.line, Statement: n.text, Err: fmt.Errorf(format, args...)}
	}
	used := map[int]renameNote{}
	for _, n := range notes {
		if n.from == "" {
			return fail(n, "%s names no old name: write -- %s old_name", RenamedFromMarker, RenamedFromMarker)
		}
		site := -1
		if n.trailing {
			// The one site starting on the note's line, before it.
			i := sort.Search(len(sorted), func(i int) bool { return sorted[i].Offset >= n.offset }) - 1
			if i >= 0 && !strings.Contains(f.Text[sorted[i].Offset:n.offset], "\n") {
				site = i
				if i > 0 && !strings.Contains(f.Text[sorted[i-1].Offset:n.offset], "\n") {
					return fail(n, "%s at the end of a line where %s and %s both start is ambiguous: put it on the line before the definition", RenamedFromMarker, sorted[i-1].What, sorted[i].What)
				}
			}
		} else {
			next := skipBlankAndComments(f.Text, lineEnd(f.Text, n.offset))
			i := sort.Search(len(sorted), func(i int) bool { return sorted[i].Offset >= next })
			if i < len(sorted) && sorted[i].Offset == next {
				site = i
			}
		}
		if site < 0 {
			return fail(n, "%s must be on the line before a CREATE TABLE or a column definition of one, or at the end of its first line", RenamedFromMarker)
		}
		if prev, dup := used[site]; dup {
			return fail(n, "%s is annotated twice (also at line %d)", sorted[site].What, prev.line)
		}
		used[site] = n
		from := n.from
		if !n.quoted && fold != nil {
			from = fold(from)
		}
		sorted[site].Set(from)
	}
	return nil
}

// findRenameNotes lists the annotations of a text. It reads lines, not
// tokens: the marker inside a string literal would be read as an
// annotation, and then fail as one that belongs to nothing, never be
// ignored.
func findRenameNotes(text string) []renameNote {
	if !HasRenameNotes(text) {
		return nil
	}
	var out []renameNote
	line, counted := 1, 0 // lines counted up to offset counted
	for _, m := range renameNoteRe.FindAllStringSubmatchIndex(text, -1) {
		line += strings.Count(text[counted:m[0]], "\n")
		counted = m[0]
		lineStart := strings.LastIndexByte(text[:m[0]], '\n') + 1
		n := renameNote{offset: m[0], line: line, text: strings.TrimSpace(text[m[0]:lineEnd(text, m[0])])}
		n.trailing = strings.TrimSpace(text[lineStart:m[0]]) != ""
		if m[2] >= 0 {
			n.from = text[m[2]:m[3]]
			if q := n.from[0]; q == '"' || q == '`' {
				n.quoted = true
				n.from = strings.ReplaceAll(n.from[1:len(n.from)-1], string(q)+string(q), string(q))
			}
		}
		out = append(out, n)
	}
	return out
}

func lineEnd(text string, at int) int {
	if i := strings.IndexByte(text[at:], '\n'); i >= 0 {
		return at + i
	}
	return len(text)
}

// skipBlankAndComments returns the offset of the first code at or after at:
// white space, -- and # line comments and /* */ comments are skipped.
func skipBlankAndComments(text string, at int) int {
	for at < len(text) {
		switch c := text[at]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			at++
		case c == '#' || strings.HasPrefix(text[at:], "--"):
			at = lineEnd(text, at)
		case strings.HasPrefix(text[at:], "/*") && !strings.HasPrefix(text[at:], "/*!"):
			i := strings.Index(text[at+2:], "*/")
			if i < 0 {
				return len(text)
			}
			at += i + 4
		default:
			return at
		}
	}
	return at
}

// ConfirmedRename is a rename a source's annotation asks for and a target
// still needs: the target has the object under From and nothing under To.
type ConfirmedRename struct {
	Kind   Kind   `json:"kind"` // KindTable or KindColumn
	Schema string `json:"schema,omitempty"`
	// Table is the column's table, by its new name (tables are renamed
	// before their columns).
	Table string `json:"table,omitempty"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Change is the rename as a change of a plan, with the target's object
// (before) and the source's.
func (r ConfirmedRename) Change(from, to any) *Change {
	return &Change{Op: Rename, Kind: r.Kind, Schema: r.Schema, Table: r.Table, Name: r.To, Fields: []string{"name"}, From: from, To: to}
}

// FindRenames lists the renames that source's annotations ask of target,
// tables first, each list sorted by name. An annotation whose old name the
// target lacks, or whose new name the target already has, asks nothing:
// planning again after the rename is empty. foldColumns compares column
// names without case (MySQL). Two tables or columns renamed from the same
// name are an error.
func FindRenames(target, source *Database, foldColumns bool) ([]ConfirmedRename, error) {
	if target == nil || source == nil {
		return nil, nil
	}
	colEq := func(a, b string) bool { return a == b || foldColumns && strings.EqualFold(a, b) }
	findCol := func(t *Table, name string) *Column {
		for _, c := range t.Columns {
			if colEq(c.Name, name) {
				return c
			}
		}
		return nil
	}
	var tables, columns []ConfirmedRename
	for _, ss := range source.Schemas {
		ts := target.Schema(ss.Name)
		if ts == nil {
			continue
		}
		// By name, as Schema.Table finds them (the first of a name): a scan
		// per source table would make planning quadratic in the tables.
		byName := make(map[string]*Table, len(ts.Tables))
		for _, t := range ts.Tables {
			if _, ok := byName[t.Name]; !ok {
				byName[t.Name] = t
			}
		}
		claimed := map[string]string{}
		for _, st := range ss.Tables {
			tt := byName[st.Name]
			if st.RenamedFrom != "" && st.RenamedFrom != st.Name {
				if other, dup := claimed[st.RenamedFrom]; dup {
					return nil, fmt.Errorf("tables %s and %s are both renamed from %s", other, st.Name, QualifiedName(ss.Name, st.RenamedFrom))
				}
				claimed[st.RenamedFrom] = st.Name
				if old := byName[st.RenamedFrom]; tt == nil && old != nil {
					tables = append(tables, ConfirmedRename{Kind: KindTable, Schema: ss.Name, From: st.RenamedFrom, To: st.Name})
					tt = old
				}
			}
			if tt == nil {
				continue
			}
			claimedCols := map[string]string{}
			for _, sc := range st.Columns {
				if sc.RenamedFrom == "" || colEq(sc.RenamedFrom, sc.Name) {
					continue
				}
				k := sc.RenamedFrom
				if foldColumns {
					k = strings.ToLower(k)
				}
				if other, dup := claimedCols[k]; dup {
					return nil, fmt.Errorf("columns %s and %s of table %s are both renamed from %s", other, sc.Name, QualifiedName(ss.Name, st.Name), sc.RenamedFrom)
				}
				claimedCols[k] = sc.Name
				if old := findCol(tt, sc.RenamedFrom); old != nil && findCol(tt, sc.Name) == nil {
					columns = append(columns, ConfirmedRename{Kind: KindColumn, Schema: ss.Name, Table: st.Name, From: old.Name, To: sc.Name})
				}
			}
		}
	}
	return append(tables, columns...), nil
}

// ApplyRenames renames, in db, the objects of renames (as FindRenames
// returns them: tables first) and the references the model holds to them:
// foreign keys, key and index columns, partition parents, inherited
// tables, sequence owners and view dependencies. Expressions (checks,
// defaults, view queries, trigger bodies) keep their text: the planner
// compares them with the source's as usual.
func ApplyRenames(db *Database, renames []ConfirmedRename, foldColumns bool) {
	eq := func(a, b string) bool { return a == b || foldColumns && strings.EqualFold(a, b) }
	for _, r := range renames {
		s := db.Schema(r.Schema)
		if s == nil {
			continue
		}
		switch r.Kind {
		case KindTable:
			t := s.Table(r.From)
			if t == nil {
				continue
			}
			t.Name = r.To
			oldQ, newQ := QualifiedName(r.Schema, r.From), QualifiedName(r.Schema, r.To)
			for _, os := range db.Schemas {
				for _, u := range os.Tables {
					for _, c := range u.Constraints {
						if c.Kind == ForeignKey && c.RefTable == r.From && refSchema(c, u) == r.Schema {
							c.RefTable = r.To
						}
					}
					if u.PartitionOf == oldQ {
						u.PartitionOf = newQ
					}
					for i, in := range u.Inherits {
						if in == oldQ {
							u.Inherits[i] = newQ
						}
					}
				}
				for _, q := range os.Sequences {
					if qs, qt, qc, ok := splitOwner(q.OwnedBy, os.Name); ok && qs == r.Schema && qt == r.From {
						q.OwnedBy = joinOwner(os.Name, qs, r.To, qc)
					}
				}
				for _, v := range os.Views {
					for i, d := range v.Depends {
						if d == oldQ {
							v.Depends[i] = newQ
						}
					}
				}
			}
		case KindColumn:
			t := s.Table(r.Table)
			if t == nil {
				continue
			}
			for _, c := range t.Columns {
				if eq(c.Name, r.From) {
					c.Name = r.To
				}
			}
			rename := func(list []string) {
				for i, n := range list {
					if eq(n, r.From) {
						list[i] = r.To
					}
				}
			}
			for _, c := range t.Constraints {
				rename(c.Columns)
				rename(c.Include)
			}
			for _, ix := range t.Indexes {
				for _, p := range ix.Parts {
					if p.Column != "" && eq(p.Column, r.From) {
						p.Column = r.To
					}
				}
				rename(ix.Include)
			}
			for _, os := range db.Schemas {
				for _, u := range os.Tables {
					for _, c := range u.Constraints {
						if c.Kind == ForeignKey && c.RefTable == r.Table && refSchema(c, u) == r.Schema {
							rename(c.RefColumns)
						}
					}
				}
				for _, q := range os.Sequences {
					if qs, qt, qc, ok := splitOwner(q.OwnedBy, os.Name); ok && qs == r.Schema && qt == r.Table && eq(qc, r.From) {
						q.OwnedBy = joinOwner(os.Name, qs, qt, r.To)
					}
				}
			}
		}
	}
}

// refSchema is the schema a foreign key references ("" means its table's).
func refSchema(c *Constraint, t *Table) string {
	if c.RefSchema != "" {
		return c.RefSchema
	}
	return t.Schema
}

// splitOwner reads a sequence's OwnedBy: "table.column" in the sequence's
// schema, or "schema.table.column".
func splitOwner(owned, seqSchema string) (schema, table, column string, ok bool) {
	parts := strings.Split(owned, ".")
	switch len(parts) {
	case 2:
		return seqSchema, parts[0], parts[1], true
	case 3:
		return parts[0], parts[1], parts[2], true
	}
	return "", "", "", false
}

// joinOwner writes OwnedBy back, short when the table is in the sequence's schema.
func joinOwner(seqSchema, schema, table, column string) string {
	if schema == seqSchema {
		return table + "." + column
	}
	return schema + "." + table + "." + column
}

// RenameHint is a drop and an add in one plan that look like a rename: a
// column dropped and one added to the same table with the same type and
// nullability, or a table dropped and one added with the same columns.
type RenameHint struct {
	Kind   Kind   `json:"kind"`
	Schema string `json:"schema,omitempty"`
	Table  string `json:"table,omitempty"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Message is the hint for people, with the annotation that confirms it.
func (h RenameHint) Message() string {
	note := "`-- " + RenamedFromMarker + " " + h.From + "`"
	if h.Kind == KindTable {
		return fmt.Sprintf("possible rename: table %s -> %s; add %s above CREATE TABLE %s to rename instead of dropping %s and its rows",
			QualifiedName(h.Schema, h.From), h.To, note, h.To, h.From)
	}
	return fmt.Sprintf("possible rename: column %s.%s -> %s; add %s above the definition of %s to rename instead of dropping %s and its data",
		QualifiedName(h.Schema, h.Table), h.From, h.To, note, h.To, h.From)
}

// RenameHints finds, among a plan's changes, drops and adds that may be
// renames. Within a table (or schema), each dropped object is paired with
// the first added one that matches and is not paired yet, in the order of
// the changes: a guess for a reviewer to confirm, never acted upon.
func RenameHints(changes []*Change) []RenameHint {
	type group struct{ drops, adds []*Change }
	groups := map[string]*group{}
	var order []string
	for _, c := range changes {
		if c.Kind != KindColumn && c.Kind != KindTable || c.Op != Drop && c.Op != Add {
			continue
		}
		k := string(c.Kind) + "\x00" + c.Schema + "\x00" + c.Table
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		if c.Op == Drop {
			g.drops = append(g.drops, c)
		} else {
			g.adds = append(g.adds, c)
		}
	}
	var out []RenameHint
	for _, k := range order {
		g := groups[k]
		paired := make([]bool, len(g.adds))
		for _, d := range g.drops {
			for i, a := range g.adds {
				if !paired[i] && looksRenamed(d, a) {
					paired[i] = true
					out = append(out, RenameHint{Kind: d.Kind, Schema: d.Schema, Table: d.Table, From: d.Name, To: a.Name})
					break
				}
			}
		}
	}
	return out
}

// looksRenamed compares a dropped object with an added one.
func looksRenamed(drop, add *Change) bool {
	switch from := drop.From.(type) {
	case *Column:
		to, ok := add.To.(*Column)
		return ok && sameColumnShape(from, to)
	case *Table:
		to, ok := add.To.(*Table)
		if !ok || len(from.Columns) != len(to.Columns) || len(from.Columns) == 0 {
			return false
		}
		for i, c := range from.Columns {
			if c.Name != to.Columns[i].Name || !sameColumnShape(c, to.Columns[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func sameColumnShape(a, b *Column) bool {
	return a != nil && b != nil && strings.EqualFold(a.Type, b.Type) && a.NotNull == b.NotNull
}
