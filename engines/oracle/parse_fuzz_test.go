package oracle

import (
	"strings"
	"testing"

	"github.com/schemasync/schemasync/internal/fuzzkit"
)

// FuzzParse: Oracle schema files of any content (SQL*Plus noise included)
// parse or fail without panicking, deterministically, and what parses
// survives a dump and a parse again unchanged (fuzzkit.RoundTrip).
func FuzzParse(f *testing.F) {
	for _, s := range fuzzkit.Files(f, []string{".sql"}, "testdata") {
		f.Add(s, false)
	}
	e := New()
	f.Fuzz(func(t *testing.T, text string, skipUnsupported bool) {
		fuzzkit.CheckParse(t, e, text, skipUnsupported, fuzzkit.RoundTrip)
	})
}

// FuzzSplitScript: the lexer and statement splitter take any text; each
// statement is the text's own, in order, with tokens on its lines.
func FuzzSplitScript(f *testing.F) {
	for _, s := range fuzzkit.Files(f, []string{".sql"}, "testdata") {
		f.Add(s)
	}
	f.Add("CREATE TABLE t (a NUMBER);\n/\nSET DEFINE OFF\nREM x\nBEGIN NULL; END;\n/\n")
	f.Add("COMMENT ON TABLE t IS q'[it's]';")
	f.Fuzz(func(t *testing.T, text string) {
		stmts, err := splitScript(text)
		if err != nil {
			return
		}
		lines := strings.Count(text, "\n") + 1
		pos, line := 0, 1
		for i, st := range stmts {
			// The text may be empty: a "/" that is not alone on its line
			// is a statement's only token, and its text loses the "/".
			at := strings.Index(text[pos:], st.text)
			if at < 0 || len(st.tokens) == 0 {
				t.Fatalf("statement %d %q (%d tokens) is not the text's own after offset %d", i, st.text, len(st.tokens), pos)
			}
			pos += at + len(st.text)
			if st.line < line || st.line > lines {
				t.Fatalf("statement %d starts on line %d, after line %d, of %d", i, st.line, line, lines)
			}
			line = st.line
			for _, tok := range st.tokens {
				if tok.line < st.line || tok.line > lines {
					t.Fatalf("statement %d (line %d): token %q on line %d of %d", i, st.line, tok.val, tok.line, lines)
				}
			}
		}
	})
}
