// Package dsn handles database connection URLs without leaking secrets.
package dsn

import (
	"net/url"
	"regexp"
	"strings"
)

// queryPassword finds a password given as a query parameter.
var queryPassword = regexp.MustCompile(`(?i)([?&]password=)[^&#]*`)

// Redact returns the URL with any password replaced by "xxxxx", for
// messages and logs. It never returns the password, even for a URL that
// does not parse.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	// A password holding '/', '?', '#' or '@' unescaped ends the URL's
	// user information early: the URL parses with another password or
	// none, and the real one would show in the host or path. Then read the
	// URL as a person would.
	if err != nil || !sameAsWritten(u, raw) {
		out := raw
		if w, at, ok := writtenPassword(raw); ok {
			out = raw[:at] + "xxxxx" + raw[at+len(w):]
		}
		return Scrub(raw, queryPassword.ReplaceAllString(out, "${1}xxxxx"))
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	// Any other spelling or place (PASSWORD=, after a '#') is masked too.
	return queryPassword.ReplaceAllString(u.String(), "${1}xxxxx")
}

// parseHint replaces a driver's message about a URL it cannot parse.
const parseHint = "it does not parse as a URL; write special characters of the password percent-encoded (@ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25)"

// ParseError is what to show of a driver's failure to parse a connection
// URL. Drivers quote the pieces they cut a URL into: a password holding
// characters that cut it (@ : / ? # & = or a broken %-escape) would show
// in pieces that Scrub cannot recognise, so then only a hint is shown.
func ParseError(raw, msg string) string {
	var ws []string
	if w, _, ok := writtenPassword(raw); ok {
		ws = append(ws, w)
	}
	for _, m := range queryPassword.FindAllString(raw, -1) {
		_, w, _ := strings.Cut(m, "=")
		ws = append(ws, w)
	}
	for _, w := range ws {
		if _, err := url.PathUnescape(w); err != nil || strings.ContainsAny(w, "@:/?#&= ") {
			return parseHint
		}
	}
	return Scrub(raw, msg)
}

// Scrub removes every occurrence of the URL's password from a message, for
// errors that drivers build from the connection string.
func Scrub(raw, msg string) string {
	for _, p := range passwords(raw) {
		if p == "" {
			continue
		}
		msg = strings.ReplaceAll(msg, p, "xxxxx")
		if esc := url.QueryEscape(p); esc != p {
			msg = strings.ReplaceAll(msg, esc, "xxxxx")
		}
	}
	return msg
}

// passwords finds the password of a URL both as parsed and as written, and
// by hand when the URL does not parse.
func passwords(raw string) []string {
	var out []string
	if u, err := url.Parse(raw); err == nil {
		if u.User != nil {
			if p, ok := u.User.Password(); ok {
				out = append(out, p)
			}
		}
		if p := u.Query().Get("password"); p != "" {
			out = append(out, p)
		}
	}
	if p, _, ok := writtenPassword(raw); ok {
		out = append(out, p)
	}
	for _, m := range queryPassword.FindAllString(raw, -1) {
		_, p, _ := strings.Cut(m, "=")
		out = append(out, p)
		if dec, err := url.QueryUnescape(p); err == nil {
			out = append(out, dec)
		}
	}
	return out
}

// writtenPassword reads the password the way a person reads the URL:
// between the first ':' after "://" and the last '@'. It returns the
// password and where it starts in raw.
func writtenPassword(raw string) (string, int, bool) {
	i := strings.Index(raw, "://")
	if i < 0 {
		return "", 0, false
	}
	rest := raw[i+3:]
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return "", 0, false
	}
	c := strings.Index(rest[:at], ":")
	if c < 0 {
		return "", 0, false
	}
	return rest[c+1 : at], i + 3 + c + 1, true
}

// sameAsWritten reports whether the parsed URL's password is the one
// written in it.
func sameAsWritten(u *url.URL, raw string) bool {
	w, _, ok := writtenPassword(raw)
	if !ok {
		return true
	}
	if u.User == nil {
		return false
	}
	p, _ := u.User.Password()
	if dec, err := url.PathUnescape(w); err == nil {
		w = dec
	}
	return p == w
}
