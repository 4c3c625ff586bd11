package mysql

import (
	"fmt"
	"strings"
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
