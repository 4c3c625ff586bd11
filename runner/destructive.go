package runner

// Destructive statements lose data or let data in that the schema used to
// refuse: dropping a table, a column or a constraint, narrowing a type,
// removing an enum value. Apply refuses them unless the policy or a flag
// allows them. They are found in the plan body itself, so a statement added
// by a reviewer's edit is caught as well as the planned ones.

import (
	"regexp"
	"strings"

	"github.com/schemasync/schemasync/internal/sqlsplit"
)

// Destructive is one destructive statement of a plan body.
type Destructive struct {
	// Number is the statement's 1-based position in the body.
	Number int
	SQL    string
	Reason string
}

var (
	reDropObject = regexp.MustCompile(`^DROP (TABLE|SCHEMA|DATABASE|TYPE|DOMAIN|SEQUENCE)\b`)
	reTruncate   = regexp.MustCompile(`^(TRUNCATE|DELETE FROM|DELETE)\b`)
	// ALTER TABLE ... DROP [COLUMN] name: any DROP not followed by a
	// keyword naming something other than a column.
	reAlterDrop    = regexp.MustCompile(`\bDROP +(COLUMN +)?([A-Z_"` + "`" + `][^ ,(]*)`)
	reTypeChange   = regexp.MustCompile(`\b(ALTER COLUMN \S+ (SET DATA )?TYPE|MODIFY|CHANGE)\b`)
	reEnumRecreate = regexp.MustCompile(`^ALTER TYPE \S+ RENAME TO\b`)
)

// notColumns are the words after ALTER TABLE ... DROP that drop something
// other than a column.
var notColumns = map[string]string{
	"CONSTRAINT": "constraint", "PRIMARY": "constraint", "FOREIGN": "constraint", "CHECK": "constraint",
	"INDEX": "", "KEY": "", "DEFAULT": "", "NOT": "", "EXPRESSION": "", "IDENTITY": "", "TRIGGER": "",
	"PARTITION": "", "IF": "", "SYSTEM": "",
}

// DestructiveStatements lists the destructive statements of a plan body.
func DestructiveStatements(body string) []Destructive {
	stmts := splitBody(body)
	var out []Destructive
	for i, s := range stmts {
		r := destructiveReason(s)
		if r == "" || replacedLater(s, stmts[i+1:]) {
			continue
		}
		out = append(out, Destructive{Number: i + 1, SQL: stripComments(s), Reason: r})
	}
	return out
}

var (
	reDropConstraint = regexp.MustCompile(`^ALTER TABLE (?:ONLY )?(\S+) DROP CONSTRAINT (?:IF EXISTS )?(\S+)$`)
	reAddConstraint  = regexp.MustCompile(`^ALTER TABLE (?:ONLY )?(\S+) ADD CONSTRAINT (\S+) `)
)

// replacedLater reports whether a dropped constraint is added again, under
// its name on its table, by a later statement: a changed definition is
// planned as drop and add, which guards the data again.
func replacedLater(stmt string, later []string) bool {
	m := reDropConstraint.FindStringSubmatch(strings.Join(strings.Fields(stripComments(stmt)), " "))
	if m == nil {
		return false
	}
	for _, l := range later {
		a := reAddConstraint.FindStringSubmatch(strings.Join(strings.Fields(stripComments(l)), " "))
		if a != nil && a[1] == m[1] && a[2] == m[2] {
			return true
		}
	}
	return false
}

// CountStatements counts the statements of a plan body.
func CountStatements(body string) int { return len(splitBody(body)) }

func destructiveReason(stmt string) string {
	hazards := map[string]bool{}
	for _, l := range strings.Split(stmt, "\n") {
		if k, ok := strings.CutPrefix(strings.TrimSpace(l), "-- hazard "); ok {
			k, _, _ = strings.Cut(k, ":")
			hazards[k] = true
		}
	}
	sql := strings.ToUpper(strings.Join(strings.Fields(stripComments(stmt)), " "))
	if m := reDropObject.FindStringSubmatch(sql); m != nil {
		return "drops a " + strings.ToLower(m[1])
	}
	if m := reTruncate.FindStringSubmatch(sql); m != nil {
		return "deletes rows (" + m[1] + ")"
	}
	if reEnumRecreate.MatchString(sql) && hazards["recreates_object"] {
		return "recreates a type to remove or reorder enum values"
	}
	if strings.HasPrefix(sql, "ALTER TABLE") {
		for _, m := range reAlterDrop.FindAllStringSubmatch(sql, -1) {
			word := strings.Trim(m[2], `"`+"`")
			if m[1] != "" {
				return "drops a column"
			}
			kind, known := notColumns[word]
			switch {
			case !known:
				return "drops a column"
			case kind != "":
				return "drops a " + kind + " that guards data"
			}
		}
		if reTypeChange.MatchString(sql) && hazards["may_fail_on_data"] {
			return "changes a column type in a way existing values may not fit (narrowing)"
		}
	}
	if hazards["deletes_data"] {
		return "deletes data"
	}
	return ""
}

// splitBody splits a body into statements, each with the comments above
// it. MySQL bodies hold BEGIN..END routines, which the MySQL splitter keeps
// whole; the rest are split at semicolons outside quotes and comments.
func splitBody(body string) []string {
	if isMySQLBody(body) {
		pieces, err := sqlsplit.MySQL(body)
		if err == nil {
			var out []string
			for _, p := range pieces {
				if strings.TrimSpace(stripComments(p.Text)) != "" {
					out = append(out, p.Text)
				}
			}
			return out
		}
	}
	return splitSemicolons(body)
}

// isMySQLBody tells a body RenderSQL made for MySQL by its first line.
func isMySQLBody(body string) bool {
	first, _, _ := strings.Cut(body, "\n")
	return strings.Contains(first, "(mysql)")
}

// splitSemicolons splits at ";" outside '...', "...", $tag$...$tag$ and
// comments. Pieces holding only comments are dropped.
func splitSemicolons(s string) []string {
	var out []string
	start := 0
	flush := func(end int) {
		piece := strings.TrimSpace(s[start:end])
		if strings.TrimSpace(stripComments(piece)) != "" {
			out = append(out, piece)
		}
		start = end + 1
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			for i++; i < len(s) && s[i] != c; i++ {
			}
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 3
			} else {
				i = len(s)
			}
		case c == '$':
			if tag := dollarTag(s[i:]); tag != "" {
				if j := strings.Index(s[i+len(tag):], tag); j >= 0 {
					i += len(tag) + j + len(tag) - 1
				} else {
					i = len(s)
				}
			}
		case c == ';':
			flush(i)
		}
	}
	if start < len(s) {
		flush(len(s))
	}
	return out
}

var reDollarTag = regexp.MustCompile(`^\$[A-Za-z_]*\$`)

func dollarTag(s string) string { return reDollarTag.FindString(s) }

// stripComments removes -- line comments and /* */ comments (outside quotes).
func stripComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				j++
			}
			if j >= len(s) {
				j = len(s) - 1
			}
			b.WriteString(s[i : j+1])
			i = j
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 3
			} else {
				i = len(s)
			}
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}
