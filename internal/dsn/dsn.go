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
		return userinfo.ReplaceAllString(raw, "$1:xxxxx@")
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
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return msg
	}
	if p, ok := u.User.Password(); ok && p != "" {
		msg = strings.ReplaceAll(msg, p, "xxxxx")
		if esc := url.QueryEscape(p); esc != p {
			msg = strings.ReplaceAll(msg, esc, "xxxxx")
		}
	}
	return msg
}
