package mysql

import (
	"strings"
)

// tokKind classifies tokens of the small lexer used for the statements the
// TiDB parser cannot read (triggers, routines, events) and for rewriting
// text before it reaches the parser.
type tokKind int

const (
	tokWord   tokKind = iota // keyword or bare identifier
	tokQIdent                // `quoted identifier`
	tokString                // 'string' or "string"
	tokNumber
	tokPunct
)

type token struct {
	kind  tokKind
	text  string // as written
	start int    // byte offset in the input
	end   int
}

// value is the token's meaning: identifiers unquoted, strings unescaped.
func (t token) value() string {
	switch t.kind {
	case tokQIdent:
		return strings.ReplaceAll(t.text[1:len(t.text)-1], "``", "`")
	case tokString:
		return unquoteString(t.text)
	}
	return t.text
}

func (t token) is(word string) bool {
	return t.kind == tokWord && strings.EqualFold(t.text, word)
}

// unquoteString removes the quotes and escapes of a MySQL string literal.
func unquoteString(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case 'Z':
				b.WriteByte(26)
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		if c == q && i+1 < len(s) && s[i+1] == q {
			i++
		}
		b.WriteByte(c)
	}
	return b.String()
}

// lex splits text into tokens, skipping white space and comments.
func lex(s string) []token {
	var out []token
	i, n := 0, len(s)
	for i < n {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '#' || (c == '-' && strings.HasPrefix(s[i:], "-- ")) || (c == '-' && strings.HasPrefix(s[i:], "--\n")):
			for i < n && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = n
			} else {
				i += end + 4
			}
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < n {
				if s[j] == '\\' && c != '`' {
					j += 2
					continue
				}
				if s[j] == c {
					if j+1 < n && s[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j > n-1 {
				j = n - 1
			}
			kind := tokString
			if c == '`' {
				kind = tokQIdent
			}
			out = append(out, token{kind: kind, text: s[i : j+1], start: i, end: j + 1})
			i = j + 1
		case c >= '0' && c <= '9':
			j := i
			for j < n && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || isIdentChar(s[j])) {
				j++
			}
			out = append(out, token{kind: tokNumber, text: s[i:j], start: i, end: j})
			i = j
		case isIdentStart(c):
			j := i
			for j < n && isIdentChar(s[j]) {
				j++
			}
			out = append(out, token{kind: tokWord, text: s[i:j], start: i, end: j})
			i = j
		default:
			out = append(out, token{kind: tokPunct, text: s[i : i+1], start: i, end: i + 1})
			i++
		}
	}
	return out
}

// hasComment reports whether s holds a comment: something between its
// tokens that is not white space.
func hasComment(s string) bool {
	last := 0
	for _, t := range lex(s) {
		if strings.TrimSpace(s[last:t.start]) != "" {
			return true
		}
		last = t.end
	}
	return strings.TrimSpace(s[last:]) != ""
}

// tokens is a cursor over lexed tokens.
type tokens struct {
	src  string
	toks []token
	pos  int
}

func newTokens(s string) *tokens { return &tokens{src: s, toks: lex(s)} }

func (t *tokens) peek() token {
	if t.pos < len(t.toks) {
		return t.toks[t.pos]
	}
	return token{kind: tokPunct, start: len(t.src), end: len(t.src)}
}

func (t *tokens) peekAt(k int) token {
	if t.pos+k < len(t.toks) {
		return t.toks[t.pos+k]
	}
	return token{kind: tokPunct, start: len(t.src), end: len(t.src)}
}

func (t *tokens) next() token {
	tok := t.peek()
	if t.pos < len(t.toks) {
		t.pos++
	}
	return tok
}

func (t *tokens) done() bool { return t.pos >= len(t.toks) }

// accept consumes the words if they come next, all of them.
func (t *tokens) accept(words ...string) bool {
	for k, w := range words {
		if !t.peekAt(k).is(w) {
			return false
		}
	}
	t.pos += len(words)
	return true
}

// acceptPunct consumes one punctuation character if it comes next.
func (t *tokens) acceptPunct(p string) bool {
	if tok := t.peek(); tok.kind == tokPunct && tok.text == p {
		t.pos++
		return true
	}
	return false
}

// name reads a possibly qualified name and returns its last part.
func (t *tokens) name() (string, bool) {
	tok := t.next()
	if tok.kind != tokWord && tok.kind != tokQIdent {
		return "", false
	}
	name := tok.value()
	for t.peek().kind == tokPunct && t.peek().text == "." {
		t.pos++
		tok = t.next()
		if tok.kind != tokWord && tok.kind != tokQIdent {
			return "", false
		}
		name = tok.value()
	}
	return name, true
}

// skipDefiner skips "DEFINER = user[@host]" and reports whether it did.
// DEFINER without "=" is SQL SECURITY DEFINER's, not a clause to skip.
func (t *tokens) skipDefiner() bool {
	if eq := t.peekAt(1); !t.peek().is("DEFINER") || eq.kind != tokPunct || eq.text != "=" {
		return false
	}
	t.pos += 2
	if t.accept("CURRENT_USER") {
		if t.acceptPunct("(") {
			t.acceptPunct(")")
		}
		return true
	}
	t.next()
	if t.peek().kind == tokPunct && t.peek().text == "@" {
		t.next()
		t.next()
	} else if t.peek().kind == tokWord && strings.HasPrefix(t.peek().text, "@") {
		t.next()
	}
	return true
}

// rest returns the source text from the current token to the end of the
// last one that is not ";". A comment after the last token is not part of
// a body, nor is a ";" that ends the statement (the server's grammar takes
// "verb_clause ';'"); a dump printing the delimiter after either would
// change the text or comment the delimiter out.
func (t *tokens) rest() string {
	last := len(t.toks) - 1
	for last >= t.pos && t.toks[last].kind == tokPunct && t.toks[last].text == ";" {
		last--
	}
	if last < t.pos {
		return ""
	}
	return strings.TrimSpace(t.src[t.peek().start:t.toks[last].end])
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}
