package conformance

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
	"github.com/schemasync/schemasync/internal/dumptool"
	"github.com/schemasync/schemasync/internal/sqlsplit"
	"github.com/schemasync/schemasync/internal/testdb"
)

// MySQL is the backend for Oracle MySQL and MariaDB servers. Creating a
// database costs these servers a few milliseconds, so every case gets new
// ones; there is nothing to reuse.
type MySQL struct {
	admin  string // go-sql-driver DSN of an administrator, e.g. root@tcp(127.0.0.1:3306)/
	engine engines.Engine
	// tidb: the server must be TiDB and the cases are the tidb corpus.
	tidb bool
	// names keeps a case that needs a named database alone (see namedDatabases).
	names sync.RWMutex

	// What DumpCanonical needs to pick the dumper, read once.
	flavorOnce sync.Once
	flavor     string
	moduleRoot string
	flavorErr  error
}

// NewMySQL returns the backend that runs engine against the server of
// adminDSN (a go-sql-driver DSN, as in SCHEMASYNC_TEST_MARIADB).
func NewMySQL(adminDSN string, engine engines.Engine) *MySQL {
	return &MySQL{admin: adminDSN, engine: engine}
}

// NewTiDB returns the backend that runs engine (the mysql engine, whose
// tidb flavor the server selects) against the TiDB server of adminDSN, on
// the corpus's tidb cases. TiDB differs from MySQL only in what its server
// accepts and reports, so this is the MySQL backend with another corpus.
func NewTiDB(adminDSN string, engine engines.Engine) *MySQL {
	return &MySQL{admin: adminDSN, engine: engine, tidb: true}
}

// Engine implements Backend.
func (m *MySQL) Engine() engines.Engine { return m.engine }

// CorpusName implements corpusNamer: TiDB's cases live in the corpus's
// tidb directory, though its engine is mysql.
func (m *MySQL) CorpusName() string {
	if m.tidb {
		return "tidb"
	}
	return m.engine.Name()
}

// mysqlVersionRe takes the numeric version out of VERSION(), which carries
// suffixes ("10.11.6-MariaDB-0+deb12u1", "9.7.4-2"). For TiDB
// ("8.0.11-TiDB-v9.0.0-...") that is the MySQL version it claims to be,
// which is what the corpus's min_version/max_version gates mean.
var mysqlVersionRe = regexp.MustCompile(`^(?:5\.5\.5-)?(\d+\.\d+\.\d+)`)

// Server implements Backend. Flavor is "mariadb", "tidb" or "mysql".
func (m *MySQL) Server(ctx context.Context) (Server, error) {
	db, err := m.open(m.admin)
	if err != nil {
		return Server{}, err
	}
	defer db.Close()
	var version, comment string
	if err := db.QueryRowContext(ctx, "SELECT VERSION(), @@version_comment").Scan(&version, &comment); err != nil {
		return Server{}, fmt.Errorf("read server version: %w", err)
	}
	srv := Server{Flavor: "mysql", Version: version}
	switch about := strings.ToLower(version + " " + comment); {
	case strings.Contains(about, "mariadb"):
		srv.Flavor = "mariadb"
	case strings.Contains(about, "tidb"):
		srv.Flavor = "tidb"
	}
	if m.tidb && srv.Flavor != "tidb" {
		return Server{}, fmt.Errorf("the tidb cases need a TiDB server, but this one is %s %s", srv.Flavor, version)
	}
	if v := mysqlVersionRe.FindStringSubmatch(version); v != nil {
		srv.Version = v[1]
	}
	return srv, nil
}

// EnsureRoles implements Backend. The MySQL corpus names no roles.
func (m *MySQL) EnsureRoles(ctx context.Context, roles []string) error {
	if len(roles) > 0 {
		return fmt.Errorf("mysql cases do not take roles (asked for %s)", strings.Join(roles, ", "))
	}
	return nil
}

// CreateDatabase implements Backend.
func (m *MySQL) CreateDatabase(ctx context.Context, _ *Meta) (string, func(context.Context) error, error) {
	return testdb.CreateMySQL(ctx, m.admin, "cf")
}

// Load implements Backend. The script is split the way the engine splits
// (DELIMITER-aware) and run on one session with foreign key checks off, as
// mysqldump output runs: sqldef orders a case's tables by its own
// dependency sort, so a table may name one that comes later.
func (m *MySQL) Load(ctx context.Context, dbURL, name, script string) error {
	stmts, err := sqlsplit.MySQL(script)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	db, err := m.openURL(dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %s", dsn.Redact(dbURL), dsn.Scrub(dbURL, err.Error()))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET SESSION foreign_key_checks = 0"); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.Text); err != nil {
			var me *gomysql.MySQLError
			if errors.As(err, &me) && me.Number == 1065 { // "Query was empty": only comments
				continue
			}
			return &engines.StatementError{File: name, Line: s.Line, Statement: s.Text, Err: err}
		}
	}
	return nil
}

// Close implements Backend: every database was dropped by its case.
func (m *MySQL) Close(context.Context) error { return nil }

func (m *MySQL) open(adminDSN string) (*sql.DB, error) {
	cfg, err := gomysql.ParseDSN(adminDSN)
	if err != nil {
		return nil, fmt.Errorf("parse admin DSN: %s", dsn.Scrub("mysql://x:"+passwordOfDSN(adminDSN)+"@", err.Error()))
	}
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(conn), nil
}

// configOfURL is the driver configuration of a mysql:// URL made by
// testdb.CreateMySQL.
func configOfURL(dbURL string) (*gomysql.Config, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, fmt.Errorf("parse URL %s: %w", dsn.Redact(dbURL), err)
	}
	cfg := gomysql.NewConfig()
	cfg.Net, cfg.Addr = "tcp", u.Host
	if s := u.Query().Get("socket"); s != "" {
		cfg.Net, cfg.Addr = "unix", s
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	return cfg, nil
}

// openURL opens a mysql:// URL made by testdb.CreateMySQL.
func (m *MySQL) openURL(dbURL string) (*sql.DB, error) {
	cfg, err := configOfURL(dbURL)
	if err != nil {
		return nil, err
	}
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %s", dsn.Redact(dbURL), dsn.Scrub(dbURL, err.Error()))
	}
	return sql.OpenDB(conn), nil
}

func passwordOfDSN(adminDSN string) string {
	if cfg, err := gomysql.ParseDSN(adminDSN); err == nil {
		return cfg.Passwd
	}
	return ""
}

// fixedNames are the big schemas that qualify their own names and so must
// load into a database of that name (sakila writes "sakila.film").
var fixedNames = map[string]string{"sakila": "sakila"}

// RunBig checks the round trip on each big real schema (<corpus>/big/mysql/*.sql,
// on TiDB too: the corpus has no TiDB-specific ones); see runBig.
func (m *MySQL) RunBig(ctx context.Context, corpus string, run *regexp.Regexp) (*Report, error) {
	srv, err := m.Server(ctx)
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	return runBig(ctx, bigSite{
		dir: "mysql", engine: m.engine, label: m.CorpusName() + " big", version: srv.Version,
		create: m.createBig, load: m.Load,
	}, corpus, run)
}

// unknownDatabase and missingTable are the servers' messages for a
// database that does not exist; MariaDB says the latter when a view reads
// a table of one.
var (
	unknownDatabase = regexp.MustCompile(`^Unknown database '([^']+)'$`)
	missingTable    = regexp.MustCompile(`^Table '([^'.]+)\.[^']+' doesn't exist$`)
)

// MissingDatabase implements namedDatabases.
func (m *MySQL) MissingDatabase(ctx context.Context, err error) string {
	var me *gomysql.MySQLError
	if !errors.As(err, &me) {
		return ""
	}
	var name string
	switch g := unknownDatabase.FindStringSubmatch(me.Message); {
	case me.Number == 1049 && g != nil:
		return g[1]
	case me.Number == 1146:
		g := missingTable.FindStringSubmatch(me.Message)
		if g == nil {
			return ""
		}
		name = g[1]
	default:
		return ""
	}
	db, err := m.open(m.admin)
	if err != nil {
		return ""
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).Scan(&n); err != nil || n > 0 {
		return ""
	}
	return name
}

// LockNames implements namedDatabases.
func (m *MySQL) LockNames(exclusive bool) func() {
	if exclusive {
		m.names.Lock()
		return m.names.Unlock
	}
	m.names.RLock()
	return m.names.RUnlock
}

// createBig creates the database a big schema loads into: a fresh
// ss_big_* one, or for a schema that names itself, that name (dropped
// first if a crashed run left it).
func (m *MySQL) createBig(ctx context.Context, base string) (string, func(context.Context) error, error) {
	name, fixed := fixedNames[base]
	if !fixed {
		return testdb.CreateMySQL(ctx, m.admin, "big")
	}
	return m.CreateNamedDatabase(ctx, name)
}

// CreateNamedDatabase implements namedDatabases: the database name, dropped
// first if a crashed run left it.
func (m *MySQL) CreateNamedDatabase(ctx context.Context, name string) (string, func(context.Context) error, error) {
	db, err := m.open(m.admin)
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	q := "`" + strings.ReplaceAll(name, "`", "``") + "`"
	for _, s := range []string{"DROP DATABASE IF EXISTS " + q, "CREATE DATABASE " + q + " CHARACTER SET utf8mb4"} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return "", nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	cfg, _ := gomysql.ParseDSN(m.admin)
	u := url.URL{Scheme: "mysql", Host: cfg.Addr, Path: "/" + name}
	if cfg.Passwd != "" {
		u.User = url.UserPassword(cfg.User, cfg.Passwd)
	} else if cfg.User != "" {
		u.User = url.User(cfg.User)
	}
	drop := func(ctx context.Context) error {
		db, err := m.open(m.admin)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+q)
		return err
	}
	return u.String(), drop, nil
}

func sameFiles(a, b []engines.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func countTables(db *engines.Database) (n int) {
	for _, s := range db.Schemas {
		n += len(s.Tables)
	}
	return n
}

func countViews(db *engines.Database) (n int) {
	for _, s := range db.Schemas {
		n += len(s.Views)
	}
	return n
}

func countFunctions(db *engines.Database) (n int) {
	for _, s := range db.Schemas {
		n += len(s.Functions)
	}
	return n
}

// DumpCanonical implements catalogDumper with mariadb-dump, or Oracle
// MySQL's mysqldump through scripts/mysql-server.sh on an Oracle MySQL
// server. TiDB has no dumper of this kind here: it dumps nothing.
func (m *MySQL) DumpCanonical(ctx context.Context, dbURL string) ([]string, error) {
	if m.tidb {
		return nil, nil
	}
	cfg, err := configOfURL(dbURL)
	if err != nil {
		return nil, err
	}
	m.flavorOnce.Do(func() {
		var srv Server
		if srv, m.flavorErr = m.Server(ctx); m.flavorErr == nil {
			m.flavor = srv.Flavor
		}
		if m.flavor == "mysql" {
			m.moduleRoot, m.flavorErr = dumptool.ModuleRoot()
		}
	})
	if m.flavorErr != nil {
		return nil, m.flavorErr
	}
	cmd, _, err := dumptool.MySQLDump(ctx, m.flavor, cfg, cfg.DBName, m.moduleRoot, "")
	if err != nil {
		return nil, err
	}
	out, err := dumptool.Output(cmd)
	if err != nil {
		return nil, err
	}
	return dumptool.Canonical("mysql", out, cfg.DBName), nil
}
