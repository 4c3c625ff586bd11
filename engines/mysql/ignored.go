package mysql

import "strings"

// mariadbWords rewrites MariaDB spellings the TiDB grammar lacks into the
// MySQL ones with the same meaning: an IGNORED index is an INVISIBLE one,
// NOT IGNORED a VISIBLE one. Only the index attribute is rewritten: the
// word after an index's key list (among its other options) or after ALTER
// {INDEX|KEY} name. A table, column, index or alias named ignored is left
// alone.
func mariadbWords(text string) string {
	toks := lex(text)
	type span struct {
		start, end int
		with       string
	}
	var edits []span
	// attribute rewrites [NOT] IGNORED at toks[j], if it is there, and
	// reports whether it did.
	attribute := func(j int) (int, bool) {
		switch {
		case j < len(toks) && toks[j].is("IGNORED"):
			edits = append(edits, span{toks[j].start, toks[j].end, "INVISIBLE"})
			return j + 1, true
		case j+1 < len(toks) && toks[j].is("NOT") && toks[j+1].is("IGNORED"):
			edits = append(edits, span{toks[j].start, toks[j+1].end, "VISIBLE"})
			return j + 2, true
		}
		return j, false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.is("ALTER") && i+2 < len(toks) && (toks[i+1].is("INDEX") || toks[i+1].is("KEY")) && isName(toks[i+2]) {
			attribute(i + 3)
			continue
		}
		if t.kind != tokPunct || t.text != "(" || !opensKeyList(toks, i) {
			continue
		}
		j := closingParen(toks, i)
		if j < 0 {
			break
		}
		// The index options after the key list, in any order.
		for k := j + 1; k < len(toks); {
			if next, ok := attribute(k); ok {
				k = next
				continue
			}
			n := indexOptionLen(toks, k)
			if n == 0 {
				break
			}
			k += n
		}
	}
	if len(edits) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.WriteString(text[last:e.start])
		b.WriteString(e.with)
		last = e.end
	}
	b.WriteString(text[last:])
	return b.String()
}

func isName(t token) bool { return t.kind == tokWord || t.kind == tokQIdent }

// opensKeyList reports whether the "(" at toks[i] opens the key list of an
// index: after INDEX, KEY, UNIQUE, FULLTEXT or SPATIAL, optionally with the index's name and a
// USING clause between, or after ON table in CREATE INDEX.
func opensKeyList(toks []token, i int) bool {
	j := i - 1
	if j >= 1 && toks[j-1].is("USING") {
		j -= 2 // KEY k USING BTREE (a)
	}
	if j >= 0 && isName(toks[j]) && !indexWord(toks[j]) {
		// A name: of the index (KEY k), or of the table (ON t, ON db.t).
		j--
		if j >= 1 && toks[j].kind == tokPunct && toks[j].text == "." && isName(toks[j-1]) {
			j -= 2
		}
		if j >= 0 && toks[j].is("ON") {
			return len(toks) > 1 && toks[0].is("CREATE") && createsIndex(toks)
		}
	}
	return j >= 0 && indexWord(toks[j]) && !foreignKey(toks, j)
}

// indexWord tells the words an index definition's name or key list follows.
func indexWord(t token) bool {
	return t.is("KEY") || t.is("INDEX") || t.is("UNIQUE") || t.is("FULLTEXT") || t.is("SPATIAL")
}

// createsIndex reports whether a statement is CREATE [UNIQUE|FULLTEXT|
// SPATIAL] INDEX.
func createsIndex(toks []token) bool {
	for _, t := range toks[1:] {
		if t.is("INDEX") {
			return true
		}
		if !t.is("UNIQUE") && !t.is("FULLTEXT") && !t.is("SPATIAL") && !t.is("OR") && !t.is("REPLACE") && !t.is("ONLINE") && !t.is("OFFLINE") {
			return false
		}
	}
	return false
}

// foreignKey reports whether the KEY at toks[j] is FOREIGN KEY.
func foreignKey(toks []token, j int) bool {
	return toks[j].is("KEY") && j > 0 && toks[j-1].is("FOREIGN")
}

// closingParen returns the index of the ")" matching the "(" at toks[i],
// -1 when there is none.
func closingParen(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		if toks[j].kind != tokPunct {
			continue
		}
		switch toks[j].text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// indexOptionLen is the number of tokens of the index option at toks[k]
// other than [NOT] IGNORED, 0 when there is none.
func indexOptionLen(toks []token, k int) int {
	if k >= len(toks) {
		return 0
	}
	t := toks[k]
	eq := 0
	if k+1 < len(toks) && toks[k+1].kind == tokPunct && toks[k+1].text == "=" {
		eq = 1
	}
	switch {
	case t.is("VISIBLE"), t.is("INVISIBLE"):
		return 1
	case t.is("USING"), t.is("COMMENT"):
		return 2
	case t.is("KEY_BLOCK_SIZE"), t.is("CLUSTERING"):
		return 2 + eq
	case t.is("WITH") && k+1 < len(toks) && toks[k+1].is("PARSER"):
		return 3
	}
	return 0
}
