package mysql

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/schemasync/schemasync/engines"
)

// Schema files written as a history (CREATE, ALTER, RENAME, DROP in the
// order a server runs them) need a few statements reshaped before the
// passes apply them out of order: see historyStatements and checkNames.

// historyStatements turns one statement of a file into those the parser
// applies, all at the statement's file and line:
//
//   - RENAME TABLE a TO b, c TO d is one statement per pair: a later DROP
//     of b must remove the rename of a, and not the rename of c, as in
//     the "copy, alter, swap" migration (RENAME TABLE a TO a_old, a_new TO
//     a; DROP TABLE a_old). The server renames pair by pair, left to
//     right, so running them one by one leaves the same tables.
//   - MariaDB's CREATE OR REPLACE TABLE t is DROP TABLE IF EXISTS t, then
//     CREATE TABLE t, which is what the server does; the TiDB grammar has
//     no such statement.
func (p *parser) historyStatements(s stmtAt) ([]stmtAt, error) {
	words := leadingWords(s.text, 4)
	switch {
	case len(words) >= 2 && words[0] == "RENAME" && words[1] == "TABLE":
		return splitRenames(s), nil
	case len(words) >= 4 && words[0] == "CREATE" && words[1] == "OR" && words[2] == "REPLACE" &&
		(words[3] == "TABLE" || words[3] == "TEMPORARY"):
		return p.createOrReplaceTable(s)
	}
	return []stmtAt{s}, nil
}

// splitRenames makes RENAME TABLE a TO b, c TO d one statement per pair,
// each spelled as written.
func splitRenames(s stmtAt) []stmtAt {
	toks := lex(s.text)
	if len(toks) < 2 {
		return []stmtAt{s}
	}
	// The pairs are the spans between the commas after RENAME TABLE.
	var pairs [][2]int
	start := 2
	for i := 2; i <= len(toks); i++ {
		if i < len(toks) && !(toks[i].kind == tokPunct && (toks[i].text == "," || toks[i].text == ";")) {
			continue
		}
		if i > start {
			pairs = append(pairs, [2]int{toks[start].start, toks[i-1].end})
		}
		start = i + 1
	}
	if len(pairs) < 2 {
		return []stmtAt{s}
	}
	out := make([]stmtAt, len(pairs))
	for i, pr := range pairs {
		one := s
		one.text = s.text[:toks[1].end] + " " + s.text[pr[0]:pr[1]]
		out[i] = one
	}
	return out
}

// createOrReplaceTable reads MariaDB's CREATE OR REPLACE TABLE t as DROP
// TABLE IF EXISTS t and CREATE TABLE t. The CREATE keeps the text with OR
// REPLACE blanked out, so that offsets into the file (renamed-from
// annotations) still hold.
func (p *parser) createOrReplaceTable(s stmtAt) ([]stmtAt, error) {
	toks := lex(s.text)
	if len(toks) < 5 || !toks[1].is("OR") || !toks[2].is("REPLACE") {
		return []stmtAt{s}, nil // not spelled plainly: the grammar says what it is
	}
	if p.flavor.TiDB {
		if err := p.unsupported(s, "CREATE OR REPLACE TABLE (MariaDB only; TiDB has no such statement: write DROP TABLE IF EXISTS, then CREATE TABLE)"); err != nil {
			return nil, err
		}
		return nil, nil // skipped, with a warning
	}
	create := s
	create.text = s.text[:toks[1].start] + strings.Repeat(" ", toks[2].end-toks[1].start) + s.text[toks[2].end:]
	if toks[3].is("TEMPORARY") {
		return []stmtAt{create}, nil // refused as CREATE TEMPORARY TABLE
	}
	t := newTokens(s.text)
	t.pos = 4
	if t.accept("IF") {
		return nil, s.fail(fmt.Errorf("CREATE OR REPLACE TABLE with IF NOT EXISTS: the server refuses the two together (error 1221)"))
	}
	first := t.peek()
	if _, ok := t.name(); !ok {
		return nil, s.fail(fmt.Errorf("syntax error: CREATE OR REPLACE TABLE without a table name"))
	}
	last := t.toks[t.pos-1]
	drop := s
	drop.text = "DROP TABLE IF EXISTS " + s.text[first.start:last.end]
	drop.replaces = true
	return []stmtAt{drop, create}, nil
}

// checkNames follows, in file order, which names are tables and which
// are views while the server runs the files (tables and views share one
// namespace), and returns the statements that change nothing there:
// CREATE TABLE IF NOT EXISTS v of a view v (the server notes that v
// exists and keeps the view). It refuses what the servers refuse: CREATE
// TABLE of a view's name, CREATE [OR REPLACE] VIEW of a table's name, and
// CREATE OR REPLACE TABLE of a view's name.
func checkNames(stmts []stmtAt) ([]bool, error) {
	tables := map[string]stmtAt{} // name -> where it was made
	views := map[string]stmtAt{}
	noop := make([]bool, len(stmts))
	for i, s := range stmts {
		words := leadingWords(s.text, 2)
		if len(words) == 0 {
			continue
		}
		switch words[0] {
		case "DROP":
			for _, k := range dropKeys(s.text) {
				if name, ok := strings.CutPrefix(k, "TABLE "); ok {
					if v, isView := views[name]; isView && s.replaces {
						return nil, s.fail(fmt.Errorf("CREATE OR REPLACE TABLE %s: %s is a view, made at %s (the server refuses it: error 1965)", name, name, v.where()))
					}
					delete(tables, name)
					if !s.replaces {
						// See dropKeys: DROP TABLE takes a view of the name.
						delete(views, name)
					}
				} else if name, ok := strings.CutPrefix(k, "VIEW "); ok {
					delete(views, name)
				}
			}
		case "CREATE":
			key, _ := objectKeys(s.text)
			if name, ok := strings.CutPrefix(key, "TABLE "); ok {
				if temporaryTable(s.text) {
					continue // refused or skipped; it hides no name for good
				}
				if v, isView := views[name]; isView {
					if ifNotExists(s.text) {
						noop[i] = true
						continue
					}
					return nil, s.fail(fmt.Errorf("table %s: %s is a view, made at %s (the server refuses it: error 1050)", name, name, v.where()))
				}
				if _, ok := tables[name]; !ok {
					tables[name] = s
				}
			} else if name, ok := strings.CutPrefix(key, "VIEW "); ok {
				if t, isTable := tables[name]; isTable {
					return nil, s.fail(fmt.Errorf("view %s: %s is a table, made at %s (the server refuses it: error 1050, or 1347 with OR REPLACE)", name, name, t.where()))
				}
				views[name] = s
			}
		case "RENAME", "ALTER":
			for _, r := range tableRenames(s.text) {
				if t, ok := tables[r[0]]; ok {
					delete(tables, r[0])
					tables[r[1]] = t
				}
				if v, ok := views[r[0]]; ok {
					delete(views, r[0])
					views[r[1]] = v
				}
			}
		}
	}
	return noop, nil
}

// ifNotExists reports whether a CREATE TABLE says IF NOT EXISTS.
func ifNotExists(text string) bool {
	t := newTokens(text)
	return skipTo(t, "TABLE") && t.accept("IF", "NOT", "EXISTS")
}

// temporaryTable reports whether a CREATE TABLE makes a temporary table.
func temporaryTable(text string) bool {
	for _, w := range leadingWords(text, 4) {
		if w == "TEMPORARY" {
			return true
		}
		if w == "TABLE" {
			return false
		}
	}
	return false
}

// renamedAwayCreates marks the CREATE TABLE statements of a name that an
// earlier statement renamed away (ALTER TABLE a RENAME TO a_old, then
// CREATE TABLE a): they are applied in file order, with the renames,
// instead of with the other tables before them, where a would still be
// taken.
func renamedAwayCreates(stmts []stmtAt) []bool {
	var out []bool
	var away map[string]bool
	for i, s := range stmts {
		words := leadingWords(s.text, 2)
		if len(words) < 2 {
			continue
		}
		if words[1] == "TABLE" && (words[0] == "RENAME" || words[0] == "ALTER") {
			for _, r := range tableRenames(s.text) {
				if away == nil {
					away = map[string]bool{}
				}
				away[r[0]] = true
			}
			continue
		}
		if away == nil || words[0] != "CREATE" {
			continue
		}
		if key, _ := objectKeys(s.text); strings.HasPrefix(key, "TABLE ") && away[strings.TrimPrefix(key, "TABLE ")] {
			if out == nil {
				out = make([]bool, len(stmts))
			}
			out[i] = true
		}
	}
	return out
}

// renameSitesOf are the DropSite renames of a statement that renames
// tables: the table (or view) and its indexes, whose keys name it.
func renameSitesOf(text string) [][2]string {
	var out [][2]string
	for _, r := range tableRenames(text) {
		out = append(out, [2]string{"TABLE " + r[0], "TABLE " + r[1]}, [2]string{"VIEW " + r[0], "VIEW " + r[1]},
			[2]string{"INDEX " + r[0] + ".*", "INDEX " + r[1] + ".*"})
	}
	return out
}

// addColumnConstraint adds a key or check written in column c's
// definition, remembering a MariaDB check as the column's (columnChecks).
func (b *builder) addColumnConstraint(ts *tableState, c *engines.Column, con *ast.Constraint) error {
	if err := b.addConstraint(ts, con); err != nil {
		return err
	}
	if con.Tp == ast.ConstraintCheck && !b.p.flavor.TiDB {
		ts.addColumnCheck(ts.t.Constraints[len(ts.t.Constraints)-1].Name, c.Name)
	}
	return nil
}

// renameInExpressions follows, in the table's expressions, the rename of
// column old to name by RENAME COLUMN, or by CHANGE when redefined, before
// the column itself changes.
//
// MariaDB rewrites the column's name in checks, generated columns and
// default expressions; a check written in the column's definition keeps
// its name with RENAME COLUMN, and goes with the old definition with
// CHANGE (the new one may write its own). The files are read by
// MariaDB's rules: MySQL refuses the rename while an expression uses the
// column (errors 3959, 3108), so no file it runs renames so.
//
// TiDB refuses the rename while a generated column uses the column (error
// 3108), RENAME COLUMN while a check does (3959), and CHANGE drops such
// checks without a word: a file that does so is refused here, naming the
// check, rather than read as one or the other.
func (b *builder) renameInExpressions(ts *tableState, old, name string, redefined bool) error {
	t := ts.t
	if b.p.flavor.TiDB {
		for _, c := range t.Columns {
			if c.Generated != "" && exprUsesColumn(c.Generated, old) {
				return fmt.Errorf("column %s.%s: generated column %s uses it, and TiDB refuses to rename it (error 3108): drop or change %s first",
					t.Name, old, c.Name, c.Name)
			}
		}
		for _, c := range t.Constraints {
			if c.Kind != engines.Check || !exprUsesColumn(c.Check, old) {
				continue
			}
			if redefined {
				return fmt.Errorf("column %s.%s: check %s uses it, and TiDB drops such checks when CHANGE renames the column: drop the check before, and add it again after if it is meant to stay",
					t.Name, old, c.Name)
			}
			return fmt.Errorf("column %s.%s: check %s uses it, and TiDB refuses to rename it (error 3959): drop the check before, and add it again after",
				t.Name, old, c.Name)
		}
		return nil
	}
	lower := strings.ToLower(old)
	if redefined {
		t.Constraints = slices.DeleteFunc(t.Constraints, func(c *engines.Constraint) bool {
			own := c.Kind == engines.Check && ts.columnChecks[strings.ToLower(c.Name)] == lower
			if own {
				delete(ts.columnChecks, strings.ToLower(c.Name))
			}
			return own
		})
	}
	for k, col := range ts.columnChecks {
		if col == lower {
			ts.columnChecks[k] = strings.ToLower(name)
		}
	}
	for _, c := range t.Constraints {
		if c.Kind == engines.Check {
			c.Check = renameColumnInExpr(c.Check, old, name)
		}
	}
	for _, c := range t.Columns {
		if c.Generated != "" {
			c.Generated = renameColumnInExpr(c.Generated, old, name)
		}
		if c.Default != "" && !constantDefault(c.Default) {
			c.Default = renameColumnInExpr(c.Default, old, name)
		}
	}
	return nil
}

// columnRenamer renames a column wherever an expression names it.
type columnRenamer struct {
	old, name string // old lower case
	found     bool
}

func (v *columnRenamer) Enter(n ast.Node) (ast.Node, bool) { return n, false }

func (v *columnRenamer) Leave(n ast.Node) (ast.Node, bool) {
	if c, ok := n.(*ast.ColumnName); ok && c.Name.L == v.old {
		c.Name = ast.NewCIStr(v.name)
		v.found = true
	}
	return n, true
}

// renameColumnInExpr renames column old to name in a canonical expression;
// an expression that does not name it, or that the grammar cannot read,
// keeps its text.
func renameColumnInExpr(expr, old, name string) string {
	e, err := parseExpr(expr)
	if err != nil {
		return expr
	}
	v := &columnRenamer{old: strings.ToLower(old), name: name}
	e.Accept(v)
	if !v.found {
		return expr
	}
	s, err := canonExprNode(e)
	if err != nil {
		return expr
	}
	return s
}

// exprUsesColumn reports whether an expression names the column.
func exprUsesColumn(expr, col string) bool {
	e, err := parseExpr(expr)
	if err != nil {
		return usesAnyColumn(expr, []engines.ConfirmedRename{{From: col}})
	}
	v := &columnRenamer{old: strings.ToLower(col), name: col}
	e.Accept(v)
	return v.found
}
