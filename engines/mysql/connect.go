package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/internal/dsn"
)

// target is a parsed connection URL: the driver configuration and the
// database whose schema is compared and changed.
type target struct {
	cfg      *gomysql.Config
	database string
}

// parseURL converts mysql://user:password@host:port/db?param=value (or
// mariadb://..., tidb://... whose default port is TiDB's 4000) into a
// go-sql-driver configuration. Query parameters the
// driver knows are passed on (tls, charset...). Errors never hold the password.
func parseURL(raw string) (*target, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("mysql: bad connection URL %s: %s", dsn.Redact(raw), dsn.ParseError(raw, err.Error()))
	}
	defaultPort := "3306"
	switch u.Scheme {
	case "mysql", "mariadb":
	case "tidb":
		defaultPort = "4000"
	default:
		return nil, fmt.Errorf("mysql: bad connection URL %s: scheme must be mysql, mariadb or tidb", dsn.Redact(raw))
	}
	cfg := gomysql.NewConfig()
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	q := u.Query()
	if p := q.Get("password"); p != "" {
		cfg.Passwd = p
		q.Del("password")
	}
	host := u.Host
	switch {
	case strings.HasPrefix(host, "unix(") || q.Get("socket") != "":
		cfg.Net = "unix"
		cfg.Addr = q.Get("socket")
		q.Del("socket")
	default:
		if host == "" {
			host = "127.0.0.1"
		}
		if u.Port() == "" {
			host += ":" + defaultPort
		}
		cfg.Net, cfg.Addr = "tcp", host
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	if cfg.DBName == "" {
		return nil, fmt.Errorf("mysql: connection URL %s names no database: the database is the schema to compare", dsn.Redact(raw))
	}
	cfg.ParseTime = true
	cfg.MultiStatements = false
	cfg.InterpolateParams = true
	cfg.Timeout = 10 * time.Second
	cfg.Params = map[string]string{}
	for k, vs := range q {
		if len(vs) == 0 {
			continue
		}
		switch k {
		case "tls":
			cfg.TLSConfig = vs[0]
		case "timeout":
			d, err := time.ParseDuration(vs[0])
			if err != nil {
				return nil, fmt.Errorf("mysql: bad timeout in %s: %w", dsn.Redact(raw), err)
			}
			cfg.Timeout = d
		default:
			cfg.Params[k] = vs[0]
		}
	}
	return &target{cfg: cfg, database: cfg.DBName}, nil
}

// DriverDSN converts a mysql:// URL into a go-sql-driver DSN (for tests and
// tools that open their own connections).
func DriverDSN(raw string) (string, error) {
	t, err := parseURL(raw)
	if err != nil {
		return "", err
	}
	return t.cfg.FormatDSN(), nil
}

// connect opens a pool of one connection to the URL's database. Every
// statement of a session (apply) runs on that one connection.
func connect(ctx context.Context, raw string) (*sql.DB, *target, error) {
	t, err := parseURL(raw)
	if err != nil {
		return nil, nil, err
	}
	return open(ctx, raw, t)
}

// open connects to a parsed target; raw is the URL, for error messages.
func open(ctx context.Context, raw string, t *target) (*sql.DB, *target, error) {
	conn, err := gomysql.NewConnector(t.cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("mysql: %s: %w", dsn.Redact(raw), errors.New(dsn.Scrub(raw, err.Error())))
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("mysql: cannot connect to %s: %w", dsn.Redact(raw), errors.New(dsn.Scrub(raw, err.Error())))
	}
	return db, t, nil
}

// detectFlavor asks the server what it is.
func detectFlavor(ctx context.Context, db *sql.DB) (Flavor, error) {
	var version, comment string
	if err := db.QueryRowContext(ctx, "SELECT VERSION(), @@version_comment").Scan(&version, &comment); err != nil {
		return Flavor{}, fmt.Errorf("mysql: detect server version: %w", err)
	}
	f, err := ParseFlavor(version, comment)
	if err != nil {
		return Flavor{}, err
	}
	if !f.Supported() {
		return Flavor{}, fmt.Errorf("mysql: server %s (%s) is too old: MySQL 8.0+ or MariaDB 10.6+ is needed", version, f)
	}
	return f, nil
}
