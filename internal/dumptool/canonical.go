package dumptool

import (
	"regexp"
	"sort"
	"strings"
)

// Canonical reduces a dump to its statements, sorted, so that two dumps of
// the same catalog compare equal whatever order the objects were made in:
// comments, session settings and blank lines go, a table's column and
// constraint lines are sorted (a column added later sits last in the
// catalog, which no tool that keeps data can avoid), MySQL's table counters
// (AUTO_INCREMENT=n) are dropped, and the database's own name, where a
// dumper prints it, becomes "DB". flavor is "postgres" or "mysql".
func Canonical(flavor, dump, dbName string) []string {
	var stmts []string
	var cur []string
	dollar := "" // the PostgreSQL dollar quote the statement is inside
	delim := ";" // MySQL's statement delimiter (DELIMITER ;;)
	flush := func() {
		if len(cur) > 0 {
			stmts = append(stmts, canonicalStatement(flavor, cur))
			cur = nil
		}
	}
	for _, line := range strings.Split(dump, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if d, ok := strings.CutPrefix(line, "DELIMITER "); ok && flavor == "mysql" && len(cur) == 0 {
			delim = strings.TrimSpace(d)
			continue
		}
		if dollar == "" && skipLine(flavor, line) {
			continue
		}
		if dbName != "" {
			line = replaceName(line, dbName)
		}
		cur = append(cur, line)
		if flavor == "postgres" {
			dollar = dollarState(line, dollar)
			if dollar != "" {
				continue
			}
		}
		if strings.HasSuffix(line, delim) {
			flush()
		}
	}
	flush()
	sort.Strings(stmts)
	return stmts
}

// skipLine says whether a line is noise of the dumper's rather than a part
// of the catalog.
func skipLine(flavor, line string) bool {
	t := strings.TrimSpace(line)
	switch {
	case t == "", strings.HasPrefix(t, "--"):
		return true
	case flavor == "postgres":
		return strings.HasPrefix(t, "SET ") || strings.HasPrefix(t, "SELECT pg_catalog.set_config(") ||
			strings.HasPrefix(t, `\restrict`) || strings.HasPrefix(t, `\unrestrict`)
	default:
		return strings.HasPrefix(t, "SET ") ||
			mysqlSetComment.MatchString(t) || strings.HasPrefix(t, "/*M!999999") ||
			strings.HasPrefix(t, "DROP TABLE IF EXISTS ") || strings.HasPrefix(t, "/*!50001 DROP VIEW IF EXISTS ")
	}
}

// mysqlSetComment is a versioned comment holding only a SET.
var mysqlSetComment = regexp.MustCompile(`^/\*!\d+ SET .*\*/ ?;$`)

// dollarTag finds dollar-quote delimiters ($$, $_$, $body$).
var dollarTag = regexp.MustCompile(`\$[A-Za-z_]*\$`)

// dollarState is the dollar quote open after line, given the one open
// before it.
func dollarState(line, open string) string {
	for _, tag := range dollarTag.FindAllString(line, -1) {
		switch {
		case open == "":
			open = tag
		case tag == open:
			open = ""
		}
	}
	return open
}

var (
	autoIncrement = regexp.MustCompile(` AUTO_INCREMENT=\d+`)
	eventStarts   = regexp.MustCompile(` STARTS '[0-9: -]+'`)
	triggerHead   = regexp.MustCompile(`(?is)\bTRIGGER\s+(.+?\s+ON\s+\S+)\s+FOR\s+EACH\s+ROW\b\s*`)
)

// canonicalStatement joins a statement's lines, with the body lines of a
// CREATE TABLE sorted.
func canonicalStatement(flavor string, lines []string) string {
	if flavor == "mysql" {
		for i := range lines {
			lines[i] = autoIncrement.ReplaceAllString(lines[i], "")
		}
	}
	if flavor == "mysql" {
		joined := strings.Join(lines, "\n")
		// An event made without STARTS starts when it was made.
		joined = eventStarts.ReplaceAllString(joined, " STARTS '?'")
		// MariaDB keeps a trigger's text as written: its head (name, timing,
		// event, table) is compared by meaning, its body as it is.
		if m := triggerHead.FindStringSubmatchIndex(joined); m != nil {
			words := strings.Fields(strings.ReplaceAll(joined[m[2]:m[3]], "`", ""))
			for i, w := range words {
				switch u := strings.ToUpper(w); u {
				case "BEFORE", "AFTER", "INSERT", "UPDATE", "DELETE", "ON":
					words[i] = u
				}
			}
			joined = joined[:m[0]] + "TRIGGER " + strings.Join(words, " ") + " FOR EACH ROW " + joined[m[1]:]
		}
		lines = strings.Split(joined, "\n")
	}
	first := strings.TrimSpace(lines[0])
	if isCreateTable(first) && strings.HasSuffix(first, "(") && len(lines) > 2 {
		end := len(lines) - 1
		for end > 1 && !strings.HasPrefix(strings.TrimSpace(lines[end]), ")") {
			end--
		}
		if end > 1 {
			body := make([]string, 0, end-1)
			for _, l := range lines[1:end] {
				// MySQL ends a version comment with a space before the
				// comma: the last line, without one, has none.
				body = append(body, strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), ",")))
			}
			sort.Strings(body)
			out := append([]string{first}, body...)
			return strings.Join(append(out, lines[end:]...), "\n")
		}
	}
	return strings.Join(lines, "\n")
}

var createTable = regexp.MustCompile(`^CREATE (UNLOGGED |FOREIGN |TEMPORARY )?TABLE `)

func isCreateTable(s string) bool { return createTable.MatchString(s) }

// replaceName writes DB for the database's name where it stands as a
// whole identifier (quoted or not).
func replaceName(line, name string) string {
	if !strings.Contains(line, name) {
		return line
	}
	var b strings.Builder
	for {
		i := strings.Index(line, name)
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		j := i + len(name)
		if (i == 0 || !identByte(line[i-1])) && (j == len(line) || !identByte(line[j])) {
			b.WriteString(line[:i])
			b.WriteString("DB")
		} else {
			b.WriteString(line[:j])
		}
		line = line[j:]
	}
}

func identByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// Differences lists, in order, what one canonical dump holds that the
// other does not ("- " for a only, "+ " for b only), with repeated
// statements counted.
func Differences(a, b []string) []string {
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, "- "+a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, "+ "+b[j])
			j++
		default:
			i++
			j++
		}
	}
	return out
}
