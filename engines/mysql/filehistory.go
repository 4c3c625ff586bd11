package mysql

import "strings"

// Schema files written as a history (CREATE, ALTER, RENAME, DROP in the
// order a server runs them) need a few statements reshaped before the
// passes apply them out of order: see historyStatements.

// historyStatements turns one statement of a file into those the parser
// applies, all at the statement's file and line:
//
//   - RENAME TABLE a TO b, c TO d is one statement per pair: a later DROP
//     of b must remove the rename of a, and not the rename of c, as in
//     the "copy, alter, swap" migration (RENAME TABLE a TO a_old, a_new TO
//     a; DROP TABLE a_old). The server renames pair by pair, left to
//     right, so running them one by one leaves the same tables.
func (p *parser) historyStatements(s stmtAt) ([]stmtAt, error) {
	words := leadingWords(s.text, 4)
	switch {
	case len(words) >= 2 && words[0] == "RENAME" && words[1] == "TABLE":
		return splitRenames(s), nil
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
