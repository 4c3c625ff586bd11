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
	readded := constraintsReadded(stmts)
	var out []Destructive
	for i, s := range stmts {
		r := destructiveReason(s)
		if r == "" || readded[i] {
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

// constraintsReadded tells, for each statement, whether it drops a
// constraint that another statement of the body adds under its name on
// its table: added later, a changed definition planned as drop and add,
// which guards the data again; added earlier, a temporary check that
// guarded nothing before the plan ran (as the online SET NOT NULL uses).
// One pass indexes the additions, so that plans of many thousands of
// statements stay linear.
func constraintsReadded(stmts []string) []bool {
	flat := make([]string, len(stmts))
	added := map[[2]string]bool{}
	for i, s := range stmts {
		// Removing comments never makes the word: skip the rest cheaply.
		if !strings.Contains(s, "CONSTRAINT") {
			continue
		}
		flat[i] = strings.Join(strings.Fields(stripComments(s)), " ")
		if a := reAddConstraint.FindStringSubmatch(flat[i]); a != nil {
			added[[2]string{a[1], a[2]}] = true
		}
	}
	out := make([]bool, len(stmts))
	for i := range stmts {
		// A statement is never both: the two patterns start differently.
		if m := reDropConstraint.FindStringSubmatch(flat[i]); m != nil {
			out[i] = added[[2]string{m[1], m[2]}]
		}
	}
	return out
}

// CountStatements counts the statements of a plan body.
func CountStatements(body string) int { return len(splitBody(body)) }

func destructiveReason(stmt string) string {
	// Every reason below needs one of these words or a hazard comment:
	// most statements of a big plan are ruled out here, cheaply.
	if !strings.Contains(stmt, "-- hazard ") {
		up := strings.ToUpper(stmt)
		if !strings.Contains(up, "DROP") && !strings.Contains(up, "TRUNCATE") && !strings.Contains(up, "DELETE") {
			return ""
		}
	}
	hazards := map[string]bool{}
	// A type change is narrowing when the planner said values may not fit;
	// other may_fail_on_data hazards of the same statement (a column
	// becoming NOT NULL) fail without losing anything.
	narrowing := false
	for _, l := range strings.Split(stmt, "\n") {
		if k, ok := strings.CutPrefix(strings.TrimSpace(l), "-- hazard "); ok {
			k, msg, _ := strings.Cut(k, ":")
			hazards[k] = true
			if k == "may_fail_on_data" && strings.Contains(msg, "fit") {
				narrowing = true
			}
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
		if reTypeChange.MatchString(sql) && narrowing {
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
func splitBody(body string) []string { return splitScript(body, isMySQLBody(body)) }

// splitScript splits a body in MySQL's dialect (DELIMITER, BEGIN..END
// bodies) or at semicolons.
func splitScript(body string, mysql bool) []string {
	if mysql {
		pieces, err := sqlsplit.MySQL(body)
		if err == nil {
			var out []string
			prev := 0
			for _, p := range pieces {
				// The splitter leaves out the comments above a statement:
				// take them back, they hold its hazards.
				end := p.Offset + len(p.Text)
				text := strings.TrimSpace(strings.TrimLeft(body[prev:end], ";"))
				prev = end
				if strings.TrimSpace(stripComments(p.Text)) != "" {
					out = append(out, text)
				}
			}
			return out
		}
	}
	return splitSemicolons(body)
}

// isMySQLBody tells a body RenderSQL made for MySQL (or TiDB, the same
// dialect) by its first line.
func isMySQLBody(body string) bool {
	first, _, _ := strings.Cut(body, "\n")
	return strings.Contains(first, "(mysql)") || strings.Contains(first, "(tidb)")
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

// stripComments removes -- line comments and /* */ comments (outside
// quotes). It copies the text between comments in whole pieces: plan
// bodies run to many megabytes.
func stripComments(s string) string {
	if !strings.Contains(s, "--") && !strings.Contains(s, "/*") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0 // s[last:i] is copied when a comment starts
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				j++
			}
			i = j
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			b.WriteString(s[last:i])
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
			last = i + 1
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			b.WriteString(s[last:i])
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 3
			} else {
				i = len(s)
			}
			b.WriteByte(' ')
			last = i + 1
		}
	}
	if last < len(s) {
		b.WriteString(s[last:])
	}
	return strings.TrimSpace(b.String())
}
