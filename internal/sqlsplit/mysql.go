// Package sqlsplit splits SQL scripts into statements.
package sqlsplit

import (
	"fmt"
	"strings"
	"unicode"
)

// Statement is one statement of a script with the line it starts on.
type Statement struct {
	Text string
	Line int
	// Offset is where Text starts in the script, in bytes.
	Offset int
}

// MySQL splits a MySQL script into statements. It understands
// quotes (”, "", “), comments (--, #, /* */) and the client's DELIMITER
// command, so routine bodies written between "DELIMITER //" lines stay
// whole. Without DELIMITER, a statement that starts a BEGIN..END body
// (CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT) ends at the ";" that closes
// its outermost END, which is how RenderSQL prints such statements.
func MySQL(script string) ([]Statement, error) {
	var out []Statement
	delim := ";"
	i, n := 0, len(script)
	line := 1
	start, startLine := -1, 0
	depth := 0         // BEGIN/CASE/IF/LOOP... nesting inside a compound body (default delimiter only)
	compound := -1     // -1 unknown, 0 plain statement, 1 statement with a compound body
	var words []string // leading words of the current statement, to classify it
	flush := func(end int) {
		if start >= 0 {
			// TrimSpace also trims what the loop does not skip (\v, NBSP,
			// U+0085...): Offset and Line follow the trimmed text.
			raw := script[start:end]
			lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
			text := strings.TrimRightFunc(raw[lead:], unicode.IsSpace)
			if text != "" {
				out = append(out, Statement{Text: text, Line: startLine + strings.Count(raw[:lead], "\n"), Offset: start + lead})
			}
		}
		start, depth, compound, words = -1, 0, -1, words[:0]
	}
	for i < n {
		c := script[i]
		// DELIMITER command: only at the start of a line, outside a statement.
		if start < 0 && (i == 0 || script[i-1] == '\n') {
			j := i
			for j < n && (script[j] == ' ' || script[j] == '\t') {
				j++
			}
			if len(script)-j >= 10 && strings.EqualFold(script[j:j+9], "delimiter") && (script[j+9] == ' ' || script[j+9] == '\t') {
				end := strings.IndexByte(script[j:], '\n')
				var rest string
				if end < 0 {
					rest, i = script[j+9:], n
				} else {
					rest, i = script[j+9:j+end], j+end
				}
				d := strings.TrimSpace(rest)
				if d == "" {
					return nil, fmt.Errorf("line %d: DELIMITER without a delimiter", line)
				}
				delim = d
				continue
			}
		}
		switch {
		case c == '\n':
			line++
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
			continue
		case c == '#' || (c == '-' && i+2 <= n && strings.HasPrefix(script[i:], "--") && (i+2 == n || script[i+2] == ' ' || script[i+2] == '\t' || script[i+2] == '\n' || script[i+2] == '\r')):
			for i < n && script[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < n && script[i+1] == '*' && !(i+2 < n && script[i+2] == '!'):
			end := strings.Index(script[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated comment", line)
			}
			line += strings.Count(script[i:i+2+end+2], "\n")
			i += 2 + end + 2
			continue
		}
		if start < 0 {
			start, startLine = i, line
		}
		if strings.HasPrefix(script[i:], delim) && (delim != ";" || depth == 0) {
			flush(i)
			i += len(delim)
			continue
		}
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < n {
				if script[j] == '\\' && c != '`' {
					j += 2
					continue
				}
				if script[j] == c {
					if j+1 < n && script[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j >= n {
				return nil, fmt.Errorf("line %d: unterminated quoted text", line)
			}
			line += strings.Count(script[i:j], "\n")
			i = j + 1
		case isIdentStart(c):
			j := i
			for j < n && isIdentChar(script[j]) && (delim == ";" || !strings.HasPrefix(script[j:], delim)) {
				j++
			}
			w := strings.ToUpper(script[i:j])
			if len(words) < 8 {
				words = append(words, w)
			}
			if compound < 0 && len(words) >= 2 {
				compound = classifyCompound(words)
			}
			if delim == ";" && compound == 1 {
				depth = blockDepth(depth, w, script, j)
				if w == "END" {
					// END IF, END LOOP...: the keyword closes, it does not open.
					k := j
					for k < n && (script[k] == ' ' || script[k] == '\t' || script[k] == '\r' || script[k] == '\n') {
						k++
					}
					m := k
					for m < n && isIdentChar(script[m]) {
						m++
					}
					switch strings.ToUpper(script[k:m]) {
					case "IF", "CASE", "LOOP", "REPEAT", "WHILE":
						line += strings.Count(script[j:m], "\n")
						j = m
					}
				}
			}
			i = j
		default:
			i++
		}
	}
	if start >= 0 {
		flush(n)
	}
	return out, nil
}

// classifyCompound tells from a statement's first words whether it may hold a
// BEGIN..END body: 1 yes, 0 no, -1 not known yet.
func classifyCompound(words []string) int {
	if words[0] != "CREATE" {
		return 0
	}
	for _, w := range words[1:] {
		switch w {
		case "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT":
			return 1
		case "TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "USER", "ROLE", "SEQUENCE", "SERVER", "TABLESPACE":
			return 0
		}
	}
	if len(words) >= 8 {
		return 0
	}
	return -1
}

// blockDepth tracks the nesting of compound statements: BEGIN, CASE, IF,
// LOOP, REPEAT and WHILE open a block that END closes. "END IF", "END
// LOOP"... close the block their keyword opened, so the keyword after END is
// consumed by looking ahead.
func blockDepth(depth int, w, script string, after int) int {
	switch w {
	case "BEGIN", "CASE", "LOOP", "WHILE":
		return depth + 1
	case "REPEAT":
		// REPEAT( is the string function.
		if nextNonSpace(script, after) == '(' {
			return depth
		}
		return depth + 1
	case "IF":
		// IF( may be the function: IF opens a block only where a statement starts.
		if !statementStart(script, after-len(w)) {
			return depth
		}
		return depth + 1
	case "END":
		if depth > 0 {
			return depth - 1
		}
	}
	return depth
}

// statementStart reports whether the word at offset i begins a statement
// of a compound body: it follows ";", a label's ":", or a keyword after
// which a statement comes.
func statementStart(script string, i int) bool {
	j := i - 1
	for j >= 0 && (script[j] == ' ' || script[j] == '\t' || script[j] == '\r' || script[j] == '\n') {
		j--
	}
	if j < 0 {
		return true
	}
	if script[j] == ';' || script[j] == ':' {
		return true
	}
	k := j
	for k >= 0 && isIdentChar(script[k]) {
		k--
	}
	switch strings.ToUpper(script[k+1 : j+1]) {
	case "BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT", "ROW":
		return true
	}
	return false
}

func nextNonSpace(s string, i int) byte {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return s[i]
		}
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}
