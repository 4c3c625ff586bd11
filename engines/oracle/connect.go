package oracle

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	// The go-ora driver registers itself as "oracle".
	_ "github.com/sijms/go-ora/v2"

	"github.com/schemasync/schemasync/internal/dsn"
)

// target is a parsed connection URL: the URL go-ora gets and the schema
// compared and changed ("" means the connecting user's own).
type target struct {
	driverURL string
	schema    string
}

// parseURL reads oracle://user:password@host[:port]/service[?schema=NAME&...].
// schema names the schema to compare when it is not the user's own: an
// unquoted name folds to upper case as in SQL, a "quoted" one is kept as
// written. Other parameters are go-ora's connection options and are passed
// on. Errors never hold the password.
func parseURL(raw string) (*target, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("oracle: bad connection URL %s: %s", dsn.Redact(raw), dsn.ParseError(raw, err.Error()))
	}
	if u.Scheme != "oracle" {
		return nil, fmt.Errorf("oracle: bad connection URL %s: the scheme must be oracle", dsn.Redact(raw))
	}
	if u.User == nil || u.User.Username() == "" {
		return nil, fmt.Errorf("oracle: connection URL %s names no user", dsn.Redact(raw))
	}
	if strings.Trim(u.Path, "/") == "" {
		return nil, fmt.Errorf("oracle: connection URL %s names no service (oracle://user:password@host:1521/SERVICE)", dsn.Redact(raw))
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("oracle: connection URL %s names no host", dsn.Redact(raw))
	}
	t := &target{}
	q := u.Query()
	if s := q.Get("schema"); s != "" {
		if t.schema, err = schemaName(s); err != nil {
			return nil, fmt.Errorf("oracle: connection URL %s: %w", dsn.Redact(raw), err)
		}
	}
	q.Del("schema")
	// go-ora's default TIMEOUT (10 minutes) is also a deadline on every
	// read: a longer DDL statement (an index build, a validation) would
	// fail. No deadline unless the URL asks for one.
	timeout := false
	for k := range q {
		switch strings.ToUpper(k) {
		case "TIMEOUT", "CONNECT TIMEOUT", "CONNECTION TIMEOUT":
			timeout = true
		}
	}
	if !timeout {
		q.Set("TIMEOUT", "0")
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), "1521") // go-ora needs the port
	}
	u.RawQuery = q.Encode()
	t.driverURL = u.String()
	return t, nil
}

// schemaName reads the schema parameter like an Oracle name.
func schemaName(s string) (string, error) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
		if s == "" || strings.Contains(s, `"`) {
			return "", errors.New(`bad schema name: a quoted name cannot be empty or hold "`)
		}
		return s, nil
	}
	up := strings.ToUpper(s)
	for i := 0; i < len(up); i++ {
		if !isIdentPart(up[i]) || i == 0 && !isIdentStart(up[i]) {
			return "", fmt.Errorf("bad schema name %q: quote it (\"%s\") to use it as written", s, s)
		}
	}
	return up, nil
}

// session is one connection to the target, switched to the schema to work
// on. Everything runs on its one connection: ALTER SESSION SET
// CURRENT_SCHEMA holds for that connection only.
type session struct {
	db    *sql.DB
	conn  *sql.Conn
	owner string
}

// openSession connects and finds the schema to work on.
func openSession(ctx context.Context, raw string) (*session, error) {
	t, err := parseURL(raw)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("oracle", t.driverURL)
	if err != nil {
		return nil, fmt.Errorf("oracle: %s: %w", dsn.Redact(raw), errors.New(dsn.Scrub(raw, err.Error())))
	}
	s, err := newSession(ctx, db, t.schema)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("oracle: cannot connect to %s: %w", dsn.Redact(raw), errors.New(dsn.Scrub(raw, err.Error())))
	}
	return s, nil
}

// newSession takes one connection of db and finds the schema: the one the
// URL names (the session is switched to it, so that unqualified names in
// DDL mean its objects), or the session's own.
func newSession(ctx context.Context, db *sql.DB, schema string) (*session, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	s := &session{db: db, conn: conn, owner: schema}
	if schema != "" {
		if _, err := conn.ExecContext(ctx, "ALTER SESSION SET CURRENT_SCHEMA = "+quoteName(schema)); err != nil {
			conn.Close()
			return nil, fmt.Errorf("switch to schema %s: %w", schema, err)
		}
		return s, nil
	}
	if err := conn.QueryRowContext(ctx, "SELECT SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') FROM DUAL").Scan(&s.owner); err != nil {
		conn.Close()
		return nil, fmt.Errorf("read the current schema: %w", err)
	}
	return s, nil
}

// Close releases the connection.
func (s *session) Close() error {
	err := s.conn.Close()
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// quoteName always quotes, for names that come from outside SQL text.
func quoteName(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
