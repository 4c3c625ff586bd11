package mysql

import (
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// Schema files describe the database that running them top to bottom on an
// empty database leaves: mysqldump writes DROP TABLE IF EXISTS t before
// CREATE TABLE t, and migration-style files drop what they created. The
// parser applies statements in passes, out of order, so DROP statements
// are resolved first, in file order: a DROP removes the statements before
// it that define the object and those that belong to it (a table's
// indexes, triggers and ALTERs); a DROP of an object no earlier statement
// defines, or of a kind the model does not hold (DATABASE, USER), changes
// nothing.

// objectKeys says which object a statement defines (key) and which table
// it belongs to (parent), as "TABLE t", "INDEX t.i"; "" when none. Names
// of tables and views keep their case; the others fold it, as the servers
// compare them.
func objectKeys(text string) (key, parent string) {
	t := newTokens(text)
	words := leadingWords(text, 1)
	if len(words) == 0 {
		return "", ""
	}
	switch words[0] {
	case "ALTER":
		if !skipTo(t, "TABLE") {
			return "", ""
		}
		if name, ok := t.name(); ok {
			return "", "TABLE " + name
		}
		return "", ""
	case "CREATE":
	default:
		return "", ""
	}
	kind := kindOf(text)
	if strings.Contains(kind, " ") || !skipTo(t, kind) {
		return "", ""
	}
	t.accept("IF", "NOT", "EXISTS")
	name, ok := t.name()
	if !ok {
		return "", ""
	}
	switch kind {
	case "TABLE", "VIEW":
		return kind + " " + name, ""
	case "FUNCTION", "PROCEDURE", "EVENT":
		return kind + " " + strings.ToLower(name), ""
	case "INDEX":
		if !skipTo(t, "ON") {
			return "", ""
		}
		if table, ok := t.name(); ok {
			return "INDEX " + table + "." + strings.ToLower(name), "TABLE " + table
		}
	case "TRIGGER":
		if !skipTo(t, "ON") {
			return "", ""
		}
		if table, ok := t.name(); ok {
			return "TRIGGER " + strings.ToLower(name), "TABLE " + table
		}
	}
	return "", ""
}

// skipTo consumes tokens up to and including the word; false if it is not
// there.
func skipTo(t *tokens, word string) bool {
	for !t.done() {
		if t.next().is(word) {
			return true
		}
	}
	return false
}

// dropKeys returns the keys of the objects a DROP statement names; none for
// kinds the model does not hold.
func dropKeys(text string) []string {
	t := newTokens(text)
	t.accept("DROP")
	t.accept("TEMPORARY")
	kind := strings.ToUpper(t.next().text)
	switch kind {
	case "TABLE", "TABLES", "VIEW", "FUNCTION", "PROCEDURE", "EVENT", "TRIGGER", "INDEX":
	default:
		return nil
	}
	t.accept("IF", "EXISTS")
	var keys []string
	for {
		name, ok := t.name()
		if !ok {
			return keys
		}
		switch kind {
		case "TABLE", "TABLES":
			// DROP TABLE also removes a view of the name on MariaDB; the
			// servers refuse it otherwise, so taking both is safe.
			keys = append(keys, "TABLE "+name, "VIEW "+name)
		case "VIEW":
			keys = append(keys, "VIEW "+name)
		case "INDEX":
			if t.accept("ON") {
				if table, ok := t.name(); ok {
					keys = append(keys, "INDEX "+table+"."+strings.ToLower(name))
				}
			}
			return keys
		default:
			keys = append(keys, kind+" "+strings.ToLower(name))
		}
		if !t.acceptPunct(",") {
			return keys
		}
	}
}

// applyDrops resolves the DROP statements in file order (see above) and
// returns the statements left to apply, without those that change nothing
// (checkNames).
func applyDrops(stmts []stmtAt) ([]stmtAt, error) {
	noop, err := checkNames(stmts)
	if err != nil {
		return nil, err
	}
	sites := make([]engines.DropSite, len(stmts))
	hasDrop := false
	defined := map[string]bool{} // keys earlier statements define
	for i, s := range stmts {
		if noop[i] {
			hasDrop = true // to be left out below
			continue
		}
		if w := leadingWords(s.text, 1); len(w) == 0 || w[0] != "DROP" {
			sites[i].Key, sites[i].Parent = objectKeys(s.text)
			defined[sites[i].Key] = true
			sites[i].Renames = renameSitesOf(s.text)
			for _, r := range tableRenames(s.text) {
				if defined["TABLE "+r[0]] {
					defined["TABLE "+r[1]] = true
				}
				if defined["VIEW "+r[0]] {
					defined["VIEW "+r[1]] = true
				}
			}
			continue
		}
		keys := dropKeys(s.text)
		if s.replaces {
			keys = keys[:1] // CREATE OR REPLACE TABLE replaces a table only
		}
		if table, ok := strings.CutPrefix(indexKeyOfDrop(keys), "INDEX "); ok && !defined[keys[0]] {
			// DROP INDEX of a key no CREATE INDEX made: one of a CREATE
			// TABLE, which the ALTER pass drops in file order (as ALTER
			// TABLE ... DROP INDEX); a later DROP TABLE takes it along.
			table, _, _ = strings.Cut(table, ".")
			sites[i].Parent = "TABLE " + table
			continue
		}
		hasDrop = true
		sites[i] = engines.DropSite{IsDrop: true, Drops: keys}
	}
	if !hasDrop {
		return stmts, nil
	}
	gone, _ := engines.ResolveDrops(sites, nil) // no refusals, no error
	kept := stmts[:0:0]
	for i, s := range stmts {
		if !gone[i] && !noop[i] {
			kept = append(kept, s)
		}
	}
	return kept, nil
}

// indexKeyOfDrop is the key of the index a DROP INDEX statement names
// (dropKeys' only key), "" for other statements.
func indexKeyOfDrop(keys []string) string {
	if len(keys) == 1 && strings.HasPrefix(keys[0], "INDEX ") {
		return keys[0]
	}
	return ""
}

// tableRenames are the renames of tables (or views) a statement makes, old
// name and new: RENAME TABLE a TO b, c TO d, or ALTER TABLE a ... RENAME
// [TO|AS] b.
func tableRenames(text string) [][2]string {
	words := leadingWords(text, 2)
	if len(words) < 2 || words[1] != "TABLE" || words[0] != "RENAME" && words[0] != "ALTER" {
		return nil
	}
	t := newTokens(text)
	t.accept(words[0])
	t.accept("TABLE")
	var out [][2]string
	if words[0] == "RENAME" {
		for {
			from, ok := t.name()
			if !ok || !t.accept("TO") {
				return out
			}
			to, ok := t.name()
			if !ok {
				return out
			}
			out = append(out, [2]string{from, to})
			if !t.acceptPunct(",") {
				return out
			}
		}
	}
	name, ok := t.name()
	if !ok {
		return nil
	}
	depth := 0
	for !t.done() {
		tok := t.next()
		switch {
		case tok.kind == tokPunct && tok.text == "(":
			depth++
		case tok.kind == tokPunct && tok.text == ")":
			depth--
		case depth == 0 && tok.is("RENAME"):
			if t.peek().is("COLUMN") || t.peek().is("INDEX") || t.peek().is("KEY") {
				continue
			}
			if !t.accept("TO") {
				t.accept("AS")
			}
			if to, ok := t.name(); ok {
				out = append(out, [2]string{name, to})
				name = to
			}
		}
	}
	return out
}
