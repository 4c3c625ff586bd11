package oracle

import (
	"fmt"
	"strings"
	"unicode"
)

// tokKind classifies tokens.
type tokKind int

const (
	tIdent  tokKind = iota // unquoted name or keyword; val is upper case
	tQuoted                // "quoted name"; val is the name as written
	tString                // string literal; val is the literal text as written
	tNumber
	tSym   // punctuation and operators
	tSubst // SQL*Plus substitution variable (&name)
)

type token struct {
	kind tokKind
	val  string
	line int
	col  int
	// nlBefore/nlAfter tell whether only blanks separate the token from the
	// previous/next line break: a lone "/" line ends a statement.
	aloneOnLine bool
}

// rawStatement is one statement of a file, split off the SQL*Plus noise.
type rawStatement struct {
	text   string
	line   int
	tokens []token
	// plsql marks blocks ended by a "/" line (PL/SQL units, CREATE TYPE).
	plsql bool
}

// sqlplusCommands are the SQL*Plus commands that may start a line of a
// script; they run to the end of the line (a trailing "-" continues it).
var sqlplusCommands = map[string]bool{
	"REM": true, "REMARK": true, "PROMPT": true, "PRO": true, "SET": true, "SPOOL": true, "SPO": true,
	"WHENEVER": true, "DEFINE": true, "DEF": true, "UNDEFINE": true, "UNDEF": true, "CONNECT": true,
	"CONN": true, "EXIT": true, "QUIT": true, "SHOW": true, "SHO": true, "COLUMN": true, "COL": true,
	"PAUSE": true, "ACCEPT": true, "ACC": true, "TTITLE": true, "BTITLE": true, "CLEAR": true,
	"EXEC": true, "EXECUTE": true, "VARIABLE": true, "VAR": true, "PRINT": true, "HOST": true,
	"START": true, "BREAK": true, "COMPUTE": true, "TIMING": true, "STORE": true, "DESCRIBE": true,
	"DESC": true, "PASSWORD": true, "DISCONNECT": true, "DISC": true, "SAVEPOINT": false,
}

// plsqlUnits are the object kinds whose CREATE statement is a block that
// SQL*Plus ends with a "/" line rather than ";".
var plsqlUnits = map[string]bool{
	"FUNCTION": true, "PROCEDURE": true, "PACKAGE": true, "TRIGGER": true, "TYPE": true,
	"LIBRARY": true, "JAVA": true,
}

// splitScript cuts a SQL*Plus script into statements, dropping SQL*Plus
// commands, comments and "/" lines.
func splitScript(text string) ([]rawStatement, error) {
	lx := &lexer{src: text, line: 1, col: 1}
	var out []rawStatement
	for {
		lx.skipSpace()
		if lx.eof() {
			return out, nil
		}
		if lx.atLineStart() {
			word := lx.lineWord()
			if word == "/" || strings.HasPrefix(word, "@") || (sqlplusCommands[strings.ToUpper(word)] && !sqlSet(lx.restOfLine())) {
				lx.skipSQLPlusLine()
				continue
			}
		}
		startOff, startLine := lx.pos, lx.line
		var toks []token
		plsql := false
		for {
			lx.skipSpace()
			if lx.eof() {
				break
			}
			t, err := lx.next()
			if err != nil {
				return nil, err
			}
			if t.kind == tSym && t.val == ";" && !plsql {
				break
			}
			if t.kind == tSym && t.val == "/" && t.aloneOnLine {
				break
			}
			toks = append(toks, t)
			if len(toks) <= 5 && isPLSQLStart(toks) {
				plsql = true
			}
		}
		end := lx.pos
		if len(toks) == 0 {
			continue
		}
		body := strings.TrimSpace(text[startOff:end])
		body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
		if !plsql {
			// A PL/SQL block keeps the ";" of its END; a SQL statement
			// loses its terminator (go-ora rejects it).
			body = strings.TrimSpace(strings.TrimSuffix(body, ";"))
		}
		out = append(out, rawStatement{text: body, line: startLine, tokens: toks, plsql: plsql})
	}
}

// sqlSet tells SQL's SET TRANSACTION/ROLE/CONSTRAINTS from SQL*Plus SET.
func sqlSet(rest string) bool {
	f := strings.Fields(strings.ToUpper(rest))
	if len(f) < 2 || f[0] != "SET" {
		return false
	}
	switch f[1] {
	case "TRANSACTION", "ROLE", "CONSTRAINT", "CONSTRAINTS":
		return true
	}
	return false
}

func isPLSQLStart(toks []token) bool {
	if toks[0].kind != tIdent {
		return false
	}
	switch toks[0].val {
	case "BEGIN", "DECLARE":
		return true
	case "CREATE":
	default:
		return false
	}
	for _, t := range toks[1:] {
		if t.kind != tIdent {
			return false
		}
		switch t.val {
		case "OR", "REPLACE", "EDITIONABLE", "NONEDITIONABLE", "EDITIONING":
			continue
		}
		return plsqlUnits[t.val]
	}
	return false
}

type lexer struct {
	src  string
	pos  int
	line int
	col  int
}

func (l *lexer) eof() bool { return l.pos >= len(l.src) }

func (l *lexer) advance(n int) {
	for i := 0; i < n && l.pos < len(l.src); i++ {
		if l.src[l.pos] == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
		l.pos++
	}
}

// skipSpace skips blanks and comments.
func (l *lexer) skipSpace() {
	for !l.eof() {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f':
			l.advance(1)
		case strings.HasPrefix(l.src[l.pos:], "--"):
			for !l.eof() && l.src[l.pos] != '\n' {
				l.advance(1)
			}
		case strings.HasPrefix(l.src[l.pos:], "/*"):
			end := strings.Index(l.src[l.pos+2:], "*/")
			if end < 0 {
				l.advance(len(l.src))
			} else {
				l.advance(end + 4)
			}
		default:
			return
		}
	}
}

// atLineStart reports whether only blanks precede the position on its line.
func (l *lexer) atLineStart() bool {
	for i := l.pos - 1; i >= 0; i-- {
		switch l.src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

func (l *lexer) restOfLine() string {
	end := strings.IndexByte(l.src[l.pos:], '\n')
	if end < 0 {
		return l.src[l.pos:]
	}
	return l.src[l.pos : l.pos+end]
}

// lineWord is the first blank-separated word at the position.
func (l *lexer) lineWord() string {
	f := strings.Fields(l.restOfLine())
	if len(f) == 0 {
		return ""
	}
	w := f[0]
	if strings.HasPrefix(w, "@") || w == "/" {
		return w
	}
	if i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		w = w[:i]
	}
	return w
}

func (l *lexer) skipSQLPlusLine() {
	for {
		line := l.restOfLine()
		l.advance(len(line))
		if !l.eof() {
			l.advance(1) // the line break
		}
		if !strings.HasSuffix(strings.TrimRight(line, " \t\r"), " -") || l.eof() {
			return
		}
	}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '#'
}

// next reads one token; blanks must have been skipped.
func (l *lexer) next() (token, error) {
	t := token{line: l.line, col: l.col}
	start := l.pos
	s := l.src[l.pos:]
	c := s[0]
	switch {
	case (c == 'q' || c == 'Q') && len(s) > 2 && s[1] == '\'':
		return l.qQuote(t, 0)
	case (c == 'n' || c == 'N') && len(s) > 3 && (s[1] == 'q' || s[1] == 'Q') && s[2] == '\'':
		return l.qQuote(t, 1)
	case (c == 'n' || c == 'N') && len(s) > 1 && s[1] == '\'':
		l.advance(1)
		tt, err := l.str(t)
		tt.val = "N" + tt.val
		return tt, err
	case c == '\'':
		return l.str(t)
	case c == '"':
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return t, fmt.Errorf("line %d:%d: unterminated quoted name", t.line, t.col)
		}
		if end == 0 {
			return t, fmt.Errorf("line %d:%d: zero-length quoted name", t.line, t.col) // ORA-01741
		}
		t.kind, t.val = tQuoted, s[1:1+end]
		l.advance(end + 2)
		return t, nil
	case isIdentStart(c):
		n := 1
		for n < len(s) && isIdentPart(s[n]) {
			n++
		}
		t.kind, t.val = tIdent, strings.ToUpper(s[:n])
		l.advance(n)
		return t, nil
	case c >= '0' && c <= '9' || c == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		n := 0
		for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '.') {
			n++
		}
		if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
			m := n + 1
			if m < len(s) && (s[m] == '+' || s[m] == '-') {
				m++
			}
			if m < len(s) && s[m] >= '0' && s[m] <= '9' {
				n = m
				for n < len(s) && s[n] >= '0' && s[n] <= '9' {
					n++
				}
			}
		}
		t.kind, t.val = tNumber, s[:n]
		l.advance(n)
		return t, nil
	case c == '&':
		n := 1
		for n < len(s) && s[n] == '&' {
			n++
		}
		for n < len(s) && isIdentPart(s[n]) {
			n++
		}
		if n < len(s) && s[n] == '.' {
			n++ // the "." that ends a substitution name
		}
		t.kind, t.val = tSubst, s[:n]
		l.advance(n)
		return t, nil
	}
	for _, op := range []string{"||", "<=", ">=", "<>", "!=", "^=", "=>", ":="} {
		if strings.HasPrefix(s, op) {
			t.kind, t.val = tSym, op
			l.advance(2)
			return t, nil
		}
	}
	if strings.ContainsRune("(),;.=<>+-*/%:@!|[]{}?^~", rune(c)) {
		t.kind, t.val = tSym, string(c)
		l.advance(1)
		if c == '/' {
			t.aloneOnLine = l.blankLineAround(start)
		}
		return t, nil
	}
	return t, fmt.Errorf("line %d:%d: unexpected character %q", t.line, t.col, c)
}

// blankLineAround reports whether the character at off is alone on its line.
func (l *lexer) blankLineAround(off int) bool {
	for i := off - 1; i >= 0 && l.src[i] != '\n'; i-- {
		if l.src[i] != ' ' && l.src[i] != '\t' && l.src[i] != '\r' {
			return false
		}
	}
	for i := off + 1; i < len(l.src) && l.src[i] != '\n'; i++ {
		if l.src[i] != ' ' && l.src[i] != '\t' && l.src[i] != '\r' {
			return false
		}
	}
	return true
}

// str reads a quoted literal, a doubled quote standing for one.
func (l *lexer) str(t token) (token, error) {
	s := l.src[l.pos:]
	n := 1
	for {
		i := strings.IndexByte(s[n:], '\'')
		if i < 0 {
			return t, fmt.Errorf("line %d:%d: unterminated string", t.line, t.col)
		}
		n += i + 1
		if n < len(s) && s[n] == '\'' {
			n++
			continue
		}
		break
	}
	t.kind, t.val = tString, s[:n]
	l.advance(n)
	return t, nil
}

// qQuote reads Oracle's alternative quoting q'[...]' and turns it into an
// ordinary literal, so that both spellings compare equal.
func (l *lexer) qQuote(t token, prefix int) (token, error) {
	s := l.src[l.pos:]
	open := s[prefix+2]
	closeCh := open
	switch open {
	case '[':
		closeCh = ']'
	case '(':
		closeCh = ')'
	case '{':
		closeCh = '}'
	case '<':
		closeCh = '>'
	}
	end := strings.Index(s[prefix+3:], string(closeCh)+"'")
	if end < 0 {
		return t, fmt.Errorf("line %d:%d: unterminated q-quoted string", t.line, t.col)
	}
	body := s[prefix+3 : prefix+3+end]
	t.kind, t.val = tString, quoteLiteral(body)
	if prefix == 1 {
		t.val = "N" + t.val
	}
	l.advance(prefix + 3 + end + 2)
	return t, nil
}

// quoteLiteral quotes a string constant.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// unquoteLiteral reads a '...' literal back.
func unquoteLiteral(lit string) string {
	lit = strings.TrimPrefix(lit, "N")
	if len(lit) < 2 {
		return lit
	}
	return strings.ReplaceAll(lit[1:len(lit)-1], "''", "'")
}
