package mysql

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/schemasync/schemasync/engines"
)

// optInvisible, a Column option, marks an invisible column (MySQL 8.0.23,
// MariaDB 10.3): SELECT * leaves it out.
const optInvisible = "invisible"

// versionedVisibility is MySQL's printing of a column's visibility in SHOW
// CREATE TABLE and mysqldump: /*!80023 INVISIBLE */.
var versionedVisibility = regexp.MustCompile(`(?i)/\*!(\d*)\s*((?:IN)?VISIBLE)\s*\*/`)

// hideColumnVisibility takes the VISIBLE and INVISIBLE attributes out of
// the column definitions of a CREATE or ALTER TABLE, which the TiDB grammar
// lacks, and returns them by column (lower case): "true" for INVISIBLE,
// "" for VISIBLE, versionedInvisible for an INVISIBLE in a version comment
// of MySQL 5.7 or later, which MariaDB does not run (files are read before
// the flavor is known: Plan settles it). An index's visibility, which the
// grammar reads, is left alone.
func hideColumnVisibility(text string) (string, map[string]string) {
	words := leadingWords(text, 2)
	if len(words) < 2 || words[1] != "TABLE" || words[0] != "CREATE" && words[0] != "ALTER" {
		return text, nil
	}
	text = versionedVisibility.ReplaceAllStringFunc(text, func(m string) string {
		sub := versionedVisibility.FindStringSubmatch(m)
		if v, err := strconv.Atoi(sub[1]); err == nil && v >= 50700 && v < 100000 && strings.EqualFold(sub[2], "INVISIBLE") {
			return " " + versionedInvisibleWord + " "
		}
		return " " + sub[2] + " "
	})
	toks := lex(text)
	var out map[string]string
	var cut [][2]int
	for i, t := range toks {
		if t.kind != tokWord || !t.is("INVISIBLE") && !t.is("VISIBLE") && !t.is(versionedInvisibleWord) {
			continue
		}
		name, ok := visibilityColumn(toks, i)
		if !ok {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		switch {
		case t.is("INVISIBLE"):
			out[strings.ToLower(name)] = "true"
		case t.is("VISIBLE"):
			out[strings.ToLower(name)] = ""
		default:
			out[strings.ToLower(name)] = versionedInvisible
		}
		cut = append(cut, [2]int{t.start, t.end})
	}
	if len(cut) == 0 {
		return text, nil
	}
	var b strings.Builder
	last := 0
	for _, c := range cut {
		b.WriteString(text[last:c[0]])
		last = c[1]
	}
	b.WriteString(text[last:])
	return b.String(), out
}

// versionedInvisible is the optInvisible of a column made invisible in a
// MySQL version comment: invisible on MySQL, visible on MariaDB.
const (
	versionedInvisible     = "mysql"
	versionedInvisibleWord = "schemasync_versioned_invisible"
)

// settleVisibility resolves versionedInvisible for the flavor.
func settleVisibility(t *engines.Table, f Flavor) {
	for _, c := range t.Columns {
		if c.Options[optInvisible] != versionedInvisible {
			continue
		}
		if f.MariaDB {
			deleteOption(&c.Options, optInvisible)
		} else {
			c.Options[optInvisible] = "true"
		}
	}
}

// visibilityColumn finds the column whose definition holds the word at
// toks[i]: the element it is in starts after the "," or "(" before it at
// its depth (or at the statement's start), and names a column first (a
// CREATE TABLE element), or after ADD, MODIFY or CHANGE (an ALTER TABLE
// clause).
func visibilityColumn(toks []token, i int) (string, bool) {
	depth, start := 0, 0
	for j := i - 1; j >= 0; j-- {
		if toks[j].kind != tokPunct {
			continue
		}
		switch toks[j].text {
		case ")":
			depth++
		case "(":
			depth--
		}
		if depth < 0 || depth == 0 && toks[j].text == "," {
			start = j + 1
			break
		}
	}
	e := toks[start:i]
	if len(e) > 2 && e[0].is("ALTER") && e[1].is("TABLE") {
		// The first clause of ALTER TABLE [db.]name.
		e = e[3:]
		if len(e) > 1 && e[0].kind == tokPunct && e[0].text == "." {
			e = e[2:]
		}
	}
	if len(e) == 0 {
		return "", false
	}
	switch {
	case e[0].is("ADD") || e[0].is("MODIFY") || e[0].is("CHANGE"):
		change := e[0].is("CHANGE")
		e = e[1:]
		if len(e) > 0 && e[0].is("COLUMN") {
			e = e[1:]
		}
		if change && len(e) > 0 {
			e = e[1:] // the old name
		}
	case e[0].kind == tokWord && isKeyElement(e[0]):
		return "", false
	}
	if len(e) < 2 || !isName(e[0]) || isKeyElement(e[0]) && e[0].kind == tokWord {
		return "", false
	}
	return e[0].value(), true
}

// isKeyElement reports whether a CREATE TABLE element or ALTER clause
// starting with the word is not a column's definition.
func isKeyElement(t token) bool {
	for _, w := range []string{"PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK",
		"FULLTEXT", "SPATIAL", "ALTER", "DROP", "RENAME", "PARTITION", "PERIOD"} {
		if t.is(w) {
			return true
		}
	}
	return false
}

// setColumnVisibility gives a column built from its definition the
// visibility the definition wrote (visible when it wrote none).
func setColumnVisibility(c *engines.Column, visibility map[string]string) {
	if v := visibility[strings.ToLower(c.Name)]; v != "" {
		setOption(&c.Options, optInvisible, v)
	} else {
		deleteOption(&c.Options, optInvisible)
	}
}
