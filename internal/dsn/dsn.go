// Package dsn handles database connection URLs without leaking secrets.
package dsn

import (
	"net/url"
	"regexp"
	"strings"
)

var userinfo = regexp.MustCompile(`(://[^:/@]*):[^@]*@`)

// Redact returns the URL with any password replaced by "xxxxx", for
// messages and logs. It never returns the password, even for a URL that
// does not parse.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return Scrub(raw, userinfo.ReplaceAllString(raw, "$1:xxxxx@"))
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
	return u.String()
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
	if i := strings.Index(raw, "://"); i >= 0 {
		rest := raw[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				out = append(out, rest[c+1:at])
			}
		}
	}
	return out
}
