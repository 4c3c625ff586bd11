package sqlsplit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/schemasync/schemasync/internal/fuzzkit"
)

// FuzzMySQL: for any script the splitter returns statements that are the
// script's own text, in order, at their offsets and lines, and what lies
// between them is only blanks, comments, delimiters and DELIMITER
// commands: the pieces cover every statement of the input.
func FuzzMySQL(f *testing.F) {
	for _, s := range []string{
		"CREATE TABLE a (id int);\n\nCREATE TABLE b (s varchar(3) DEFAULT ';');",
		"-- x;\n/* y; */ SELECT 1; # z;\nSELECT `a;b`",
		"DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nSELECT 3;",
		"CREATE PROCEDURE p() BEGIN IF a THEN SELECT 1; END IF; SELECT if(1, 2, 3); REPEAT SET x = 1; UNTIL x END REPEAT; END;\nSELECT 4;",
		"CREATE FUNCTION f() RETURNS int BEGIN RETURN CASE WHEN 1 THEN 2 END; END;",
		"SELECT 'it\\'s; ok', \"a\"\"b;\";",
		"/*!40101 SET NAMES utf8 */;\n--\n-- c\n;;",
		// Blanks that TrimSpace knows and the splitter does not skip: the
		// offset and line must follow the trimmed text (found by fuzzing).
		"\u00a0ALTER TABLE t DROP COLUMN a;\n\v\u0085\nSELECT 2",
	} {
		f.Add(s)
	}
	for _, s := range fuzzkit.Files(f, []string{".sql"}, "../../engines/mysql/testdata") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		stmts, err := MySQL(script)
		if err != nil {
			return
		}
		pos := 0
		delim := ";"
		for i, s := range stmts {
			if s.Text == "" || s.Text != strings.TrimSpace(s.Text) {
				t.Fatalf("statement %d is blank or untrimmed: %q", i, s.Text)
			}
			if s.Offset < pos || s.Offset+len(s.Text) > len(script) || script[s.Offset:s.Offset+len(s.Text)] != s.Text {
				t.Fatalf("statement %d %q is not the script's text at offset %d (after %d)", i, s.Text, s.Offset, pos)
			}
			if want := 1 + strings.Count(script[:s.Offset], "\n"); s.Line != want {
				t.Fatalf("statement %d %q: line %d, want %d", i, s.Text, s.Line, want)
			}
			var why string
			if delim, why = gapOK(script[pos:s.Offset], delim, pos == 0 || script[pos-1] == '\n'); why != "" {
				t.Fatalf("before statement %d, %q is left out: %s", i, script[pos:s.Offset], why)
			}
			pos = s.Offset + len(s.Text)
		}
		if _, why := gapOK(script[pos:], delim, pos == 0 || script[pos-1] == '\n'); why != "" {
			t.Fatalf("after the last statement, %q is left out: %s", script[pos:], why)
		}
	})
}

// gapOK checks that text between statements holds nothing but blanks,
// comments, delimiters and DELIMITER commands; it returns the delimiter in
// force after the gap, or a reason.
func gapOK(gap, delim string, lineStart bool) (string, string) {
	for i := 0; i < len(gap); {
		if lineStart || (i > 0 && gap[i-1] == '\n') {
			j := i
			for j < len(gap) && (gap[j] == ' ' || gap[j] == '\t') {
				j++
			}
			if len(gap)-j >= 10 && strings.EqualFold(gap[j:j+9], "delimiter") && (gap[j+9] == ' ' || gap[j+9] == '\t') {
				end := strings.IndexByte(gap[j:], '\n')
				if end < 0 {
					end = len(gap) - j
				}
				delim = strings.TrimSpace(gap[j+9 : j+end])
				i = j + end
				lineStart = false
				continue
			}
		}
		lineStart = false
		c := gap[i]
		r, size := utf8.DecodeRuneInString(gap[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case c == '#' || strings.HasPrefix(gap[i:], "-- ") || strings.HasPrefix(gap[i:], "--\t") || strings.HasPrefix(gap[i:], "--\n") || strings.HasPrefix(gap[i:], "--\r") || gap[i:] == "--":
			for i < len(gap) && gap[i] != '\n' {
				i++
			}
		case strings.HasPrefix(gap[i:], "/*") && !strings.HasPrefix(gap[i:], "/*!"):
			end := strings.Index(gap[i+2:], "*/")
			if end < 0 {
				return delim, "unterminated comment"
			}
			i += 2 + end + 2
		case strings.HasPrefix(gap[i:], delim):
			i += len(delim)
		default:
			return delim, "text that is not a blank, comment or delimiter"
		}
	}
	return delim, ""
}
