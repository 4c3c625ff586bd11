package dsn

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// fuzzQueryPassword finds a password given as a query parameter.
var fuzzQueryPassword = regexp.MustCompile(`(?i)[?&]password=([^&#]*)`)

var fuzzSchemes = []string{"postgres", "postgresql", "mysql", "mariadb", "tidb", "oracle"}

// FuzzRedact builds scheme://user:password@rest from its parts and checks
// that neither Redact nor Scrub lets the password (as written, decoded or
// query-escaped) through. Only inputs where the password is unambiguous
// are judged: a user without ':', '@' or '/', no '@' after the password,
// and the password written nowhere else in the URL.
func FuzzRedact(f *testing.F) {
	f.Add(uint8(0), "u", "s3cret", "h:5432/db")
	f.Add(uint8(2), "root", "p%40ss", "h/db")
	f.Add(uint8(2), "root", "bad%zzpw", "h:3306/db")
	f.Add(uint8(0), "u", "p@ss w", "h/db?sslmode=disable")
	f.Add(uint8(5), "scott", "ti/ger", "h:1521/ORCLPDB1")
	f.Add(uint8(1), "u", "12/34", "h/db")
	f.Add(uint8(3), "u", "pw#frag", "h/db")
	f.Add(uint8(4), "u", "a:b:c", "h/db?password=other")
	f.Add(uint8(0), "u", "p@ss#1", "h/db")
	f.Add(uint8(0), " ", "xx@0", "0")
	f.Fuzz(func(t *testing.T, scheme uint8, user, pass, rest string) {
		if strings.ContainsAny(user, ":@/?#") || strings.Contains(rest, "@") || strings.Contains(pass, "|") || strings.Contains(pass, "xxxxx") || len(pass) < 4 {
			return
		}
		raw := fuzzSchemes[int(scheme)%len(fuzzSchemes)] + "://" + user + ":" + pass + "@" + rest
		if strings.Count(raw, pass) != 1 || strings.Contains("xxxxx", pass) {
			return
		}
		secrets := []string{pass}
		if dec, err := url.PathUnescape(pass); err == nil && len(dec) >= 4 && !strings.Contains(raw, dec) {
			secrets = append(secrets, dec)
		}
		red := Redact(raw)
		msg := Scrub(raw, raw+"|"+pass+"|"+url.QueryEscape(pass))
		// Re-escaping the rest of the URL may spell the password by
		// chance: judge only what a harmless password would not show.
		other := Redact(fuzzSchemes[int(scheme)%len(fuzzSchemes)] + "://" + user + ":ZZZZ@" + rest)
		for _, s := range secrets {
			if strings.Contains(red, s) && !strings.Contains(other, s) {
				t.Errorf("Redact(%q) = %q shows the password %q", raw, red, s)
			}
		}
		// The mask next to the text around it may spell the password
		// ("xxxxx" then "@0" shows "xx@0"): judge the text outside masks.
		if strings.Contains(strings.ReplaceAll(msg, "xxxxx", "|"), pass) {
			t.Errorf("Scrub(%q, ...) = %q shows the password %q", raw, msg, pass)
		}
	})
}

// FuzzRedactAnything: Redact and Scrub take any string without panicking,
// and whatever a person would read as the password (between the first ':'
// after "://" and the last '@') is not in Redact's output, unless a
// harmless password in its place shows the same text.
func FuzzRedactAnything(f *testing.F) {
	for _, s := range []string{"postgres://u:s3cret@h:5432/db", "mysql://root:bad%zzpw@h:3306/db", "postgres://h/db?password=x",
		"", "://", "a://:@", "oracle://u:p@h:1521/svc", "postgres://h:5432/db?application_name=a@b", "postgres://u:pw@h/db?o=a@b",
		"postgres://h:bad/db?password=hunter22", "postgres://u:p@ss:w/rd#x?2@h:5432/db"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		red := Redact(raw)
		_ = Scrub(raw, raw)
		var ws []string
		if w, _, ok := writtenPassword(raw); ok {
			ws = append(ws, w)
		}
		if m := fuzzQueryPassword.FindStringSubmatch(raw); m != nil {
			ws = append(ws, m[1])
		}
		for _, w := range ws {
			if len(w) < 4 || strings.Count(raw, w) != 1 || strings.Contains("xxxxx", w) {
				continue
			}
			if strings.Contains(red, w) && !strings.Contains(Redact(strings.Replace(raw, w, "ZZZZ", 1)), w) {
				t.Errorf("Redact(%q) = %q shows %q", raw, red, w)
			}
			// The hint is a fixed text: it may spell a short password by chance.
			if msg := ParseError(raw, "cannot parse "+raw); msg != parseHint && strings.Contains(msg, w) {
				t.Errorf("ParseError(%q) = %q shows %q", raw, msg, w)
			}
		}
	})
}
