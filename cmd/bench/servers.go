package main

// The servers the benchmark loads and measures: PostgreSQL, MariaDB and
// Oracle MySQL. Each keeps its loaded databases between runs, marked with
// the generator version they were made by.

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/internal/dsn"
	"github.com/schemasync/schemasync/internal/dumptool"
	"github.com/schemasync/schemasync/internal/sqlsplit"
)

// server is one database server the benchmark runs against.
type server interface {
	// engine is the schemasync engine for the server.
	engine() engines.Engine
	// version is the server's version string, for the report.
	version(ctx context.Context) (string, error)
	// marker returns the marker of a database, and false when it does not exist.
	marker(ctx context.Context, name string) (string, bool, error)
	// create drops the database if it exists and creates it empty.
	create(ctx context.Context, name string) error
	// load runs the base script of the given size in the database.
	load(ctx context.Context, name string, tables int) error
	// clone makes database to a copy of from (which holds the base
	// schema of the given size), changed so that its schema is distinct
	// among the clones: the k-th table's comment says k.
	clone(ctx context.Context, from, to string, tables, k int) error
	// setMarker records the marker of a loaded database.
	setMarker(ctx context.Context, name, marker string) error
	drop(ctx context.Context, name string) error
	// url is the connection URL of a database, for schemasync.
	url(name string) string
	// reference returns the command of the server's own schema dumper on
	// a database, and its name for the report.
	reference(ctx context.Context, name string) (*exec.Cmd, string, error)
	// scripts are the base and changed schema scripts of a size.
	scripts(tables int) (base, changed string)
	// addr is the server's TCP host:port, or an error when it is reached
	// otherwise (a Unix socket).
	addr() (string, error)
	// via returns the server as reached at another host:port (a relay):
	// its url and reference then go there.
	via(addr string) server
}

// newServer returns the server of an engine name: postgres, mariadb or
// mysql (Oracle MySQL). admin is its admin URL (postgres) or DSN.
func newServer(kind, admin, moduleRoot string) (server, error) {
	switch kind {
	case "postgres":
		u, err := url.Parse(admin)
		if err != nil {
			return nil, fmt.Errorf("postgres admin URL %s: %w", dsn.Redact(admin), err)
		}
		return &pgServer{admin: admin, adminURL: u}, nil
	case "mariadb", "mysql":
		cfg, err := gomysql.ParseDSN(admin)
		if err != nil {
			return nil, fmt.Errorf("%s admin DSN: %s", kind, dsn.Scrub("mysql://x:"+mysqlPassword(admin)+"@", err.Error()))
		}
		return &myServer{kind: kind, cfg: cfg, moduleRoot: moduleRoot}, nil
	}
	return nil, fmt.Errorf("unknown engine %q (postgres, mariadb or mysql)", kind)
}

func mysqlPassword(adminDSN string) string {
	if cfg, err := gomysql.ParseDSN(adminDSN); err == nil {
		return cfg.Passwd
	}
	return ""
}

// pgServer is a PostgreSQL server.
type pgServer struct {
	admin    string
	adminURL *url.URL
}

func (s *pgServer) engine() engines.Engine { return postgres.New() }

// with runs fn on a connection to database name ("" for the admin database).
func (s *pgServer) with(ctx context.Context, name string, fn func(*pgx.Conn) error) error {
	u := s.admin
	if name != "" {
		u = s.url(name)
	}
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return fmt.Errorf("connect to %s: %s", dsn.Redact(u), dsn.Scrub(u, err.Error()))
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return fn(conn)
}

func (s *pgServer) version(ctx context.Context) (string, error) {
	var v string
	err := s.with(ctx, "", func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SHOW server_version").Scan(&v)
	})
	return "PostgreSQL " + v, err
}

func (s *pgServer) marker(ctx context.Context, name string) (string, bool, error) {
	var m *string
	found := false
	err := s.with(ctx, "", func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", name)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			found = true
			if err := rows.Scan(&m); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if m == nil {
		return "", found, err
	}
	return *m, found, err
}

func (s *pgServer) create(ctx context.Context, name string) error {
	return s.with(ctx, "", func(c *pgx.Conn) error {
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		if _, err := c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE template0"); err != nil {
			return fmt.Errorf("create database %s: %w", name, err)
		}
		return nil
	})
}

// load runs the script in batches of 250 tables, each its own
// transaction: one transaction creating thousands of tables runs out of
// lock slots.
func (s *pgServer) load(ctx context.Context, name string, tables int) error {
	return s.with(ctx, name, func(c *pgx.Conn) error {
		for i, batch := range benchgen.Batches(tables, seed, 250) {
			if _, err := c.Exec(ctx, batch); err != nil {
				return fmt.Errorf("load batch %d of the %d-table schema into %s: %w", i+1, tables, name, err)
			}
		}
		return nil
	})
}

// clone copies the database with CREATE DATABASE … TEMPLATE, which copies
// files and costs far less than loading the script again.
func (s *pgServer) clone(ctx context.Context, from, to string, tables, k int) error {
	err := s.with(ctx, "", func(c *pgx.Conn) error {
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{to}.Sanitize()+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", to, err)
		}
		_, err := c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{to}.Sanitize()+" TEMPLATE "+pgx.Identifier{from}.Sanitize())
		if err != nil {
			return fmt.Errorf("create database %s from %s: %w", to, from, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.with(ctx, to, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, fmt.Sprintf("COMMENT ON TABLE bench.t%05d IS 'clone %d'", 1+k%tables, k))
		return err
	})
}

func (s *pgServer) setMarker(ctx context.Context, name, marker string) error {
	return s.with(ctx, "", func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "COMMENT ON DATABASE "+pgx.Identifier{name}.Sanitize()+" IS '"+strings.ReplaceAll(marker, "'", "''")+"'")
		return err
	})
}

func (s *pgServer) drop(ctx context.Context, name string) error {
	return s.with(ctx, "", func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		return err
	})
}

func (s *pgServer) url(name string) string {
	u := *s.adminURL
	u.Path = "/" + name
	return u.String()
}

// reference is pg_dump --schema-only.
func (s *pgServer) reference(ctx context.Context, name string) (*exec.Cmd, string, error) {
	cmd, err := dumptool.PgDump(ctx, s.url(name), os.DevNull)
	if err != nil {
		return nil, "", fmt.Errorf("pg_dump is needed for the reference: %w", err)
	}
	return cmd, "pg_dump --schema-only", nil
}

func (s *pgServer) addr() (string, error) {
	q := s.adminURL.Query()
	host, port := s.adminURL.Hostname(), s.adminURL.Port()
	if h := q.Get("host"); h != "" {
		host = h
	}
	if p := q.Get("port"); p != "" {
		port = p
	}
	if host == "" || strings.HasPrefix(host, "/") {
		return "", fmt.Errorf("the PostgreSQL admin URL names no TCP host")
	}
	if port == "" {
		port = "5432"
	}
	return net.JoinHostPort(host, port), nil
}

func (s *pgServer) via(addr string) server {
	u := *s.adminURL
	u.Host = addr
	q := u.Query()
	q.Del("host")
	q.Del("port")
	u.RawQuery = q.Encode()
	return &pgServer{admin: u.String(), adminURL: &u}
}

func (s *pgServer) scripts(tables int) (string, string) {
	return benchgen.Postgres(tables, seed), benchgen.PostgresChanged(tables, seed)
}

// myServer is a MariaDB or Oracle MySQL server.
type myServer struct {
	kind       string // mariadb or mysql
	cfg        *gomysql.Config
	moduleRoot string
}

func (s *myServer) engine() engines.Engine { return mysql.New() }

// open opens a pool on database name ("" for none).
func (s *myServer) open(name string) (*sql.DB, error) {
	c := s.cfg.Clone()
	c.DBName = name
	conn, err := gomysql.NewConnector(c)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", s.kind, err)
	}
	return sql.OpenDB(conn), nil
}

func (s *myServer) exec(ctx context.Context, stmts ...string) error {
	db, err := s.open("")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%w\n  statement: %s", err, q)
		}
	}
	return nil
}

func (s *myServer) version(ctx context.Context) (string, error) {
	db, err := s.open("")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&v); err != nil {
		return "", err
	}
	if s.kind == "mysql" {
		return "MySQL " + v, nil
	}
	return v, nil
}

// Markers live in a table of their own database: MySQL databases have no
// comments.
const metaDB = "ss_bench_meta"

func (s *myServer) marker(ctx context.Context, name string) (string, bool, error) {
	db, err := s.open("")
	if err != nil {
		return "", false, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).Scan(&n); err != nil || n == 0 {
		return "", false, err
	}
	var m string
	err = db.QueryRowContext(ctx, "SELECT marker FROM "+metaDB+".loaded WHERE db = ?", name).Scan(&m)
	if err != nil {
		// No meta table or no row: a database of unknown content.
		return "", true, nil
	}
	return m, true, nil
}

func (s *myServer) create(ctx context.Context, name string) error {
	return s.exec(ctx,
		"CREATE DATABASE IF NOT EXISTS "+metaDB,
		"CREATE TABLE IF NOT EXISTS "+metaDB+".loaded (db varchar(64) PRIMARY KEY, marker varchar(255) NOT NULL)",
		"DELETE FROM "+metaDB+".loaded WHERE db = '"+name+"'",
		"DROP DATABASE IF EXISTS `"+name+"`",
		"CREATE DATABASE `"+name+"` CHARACTER SET utf8mb4")
}

// loadParallel is how many connections load a MySQL schema at once:
// creating InnoDB tables waits on the disk more than on the processors.
const loadParallel = 4

// load runs the script's statements on loadParallel connections, each
// taking a contiguous share cut where a CREATE TABLE starts (a table's
// view and trigger stay with it), with foreign key checks off so that a
// share may reference tables another share has not created yet.
func (s *myServer) load(ctx context.Context, name string, tables int) error {
	stmts, err := sqlsplit.MySQL(benchgen.MySQL(tables, seed))
	if err != nil {
		return fmt.Errorf("split the generated script: %w", err)
	}
	shares := make([][]string, 0, loadParallel)
	per := (len(stmts) + loadParallel - 1) / loadParallel
	var cur []string
	for _, st := range stmts {
		if len(cur) >= per && strings.HasPrefix(st.Text, "CREATE TABLE") {
			shares = append(shares, cur)
			cur = nil
		}
		cur = append(cur, st.Text)
	}
	shares = append(shares, cur)
	errs := make([]error, len(shares))
	var wg sync.WaitGroup
	for i, share := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.runShare(ctx, name, share)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
	}
	return nil
}

func (s *myServer) runShare(ctx context.Context, name string, stmts []string) error {
	db, err := s.open(name)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET foreign_key_checks = 0"); err != nil {
		return err
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%w\n  statement: %s", err, q)
		}
	}
	return nil
}

// clone loads the script again: MySQL has no database templates.
func (s *myServer) clone(ctx context.Context, _, to string, tables, k int) error {
	if err := s.create(ctx, to); err != nil {
		return err
	}
	if err := s.load(ctx, to, tables); err != nil {
		return err
	}
	db, err := s.open(to)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, fmt.Sprintf("ALTER TABLE t%05d COMMENT = 'clone %d'", 1+k%tables, k))
	return err
}

func (s *myServer) setMarker(ctx context.Context, name, marker string) error {
	db, err := s.open(metaDB)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "REPLACE INTO loaded (db, marker) VALUES (?, ?)", name, marker)
	return err
}

func (s *myServer) drop(ctx context.Context, name string) error {
	return s.exec(ctx, "DROP DATABASE IF EXISTS `"+name+"`",
		"CREATE DATABASE IF NOT EXISTS "+metaDB,
		"CREATE TABLE IF NOT EXISTS "+metaDB+".loaded (db varchar(64) PRIMARY KEY, marker varchar(255) NOT NULL)",
		"DELETE FROM "+metaDB+".loaded WHERE db = '"+name+"'")
}

func (s *myServer) url(name string) string {
	u := url.URL{Scheme: "mysql", Host: s.cfg.Addr, Path: "/" + name}
	if s.cfg.Net == "unix" {
		u.Host = ""
		u.RawQuery = url.Values{"socket": {s.cfg.Addr}}.Encode()
	}
	if s.cfg.Passwd != "" {
		u.User = url.UserPassword(s.cfg.User, s.cfg.Passwd)
	} else if s.cfg.User != "" {
		u.User = url.User(s.cfg.User)
	}
	return u.String()
}

// reference is mariadb-dump (MariaDB) or the Oracle MySQL tree's mysqldump
// (through scripts/mysql-server.sh) with --no-data and the routines,
// triggers and events.
func (s *myServer) reference(ctx context.Context, name string) (*exec.Cmd, string, error) {
	return dumptool.MySQLDump(ctx, s.kind, s.cfg, name, s.moduleRoot, os.DevNull)
}

func (s *myServer) addr() (string, error) {
	if s.cfg.Net != "tcp" {
		return "", fmt.Errorf("the %s admin DSN names no TCP address", s.kind)
	}
	return s.cfg.Addr, nil
}

func (s *myServer) via(addr string) server {
	c := s.cfg.Clone()
	c.Net, c.Addr = "tcp", addr
	return &myServer{kind: s.kind, cfg: c, moduleRoot: s.moduleRoot}
}

func (s *myServer) scripts(tables int) (string, string) {
	return benchgen.MySQL(tables, seed), benchgen.MySQLChanged(tables, seed)
}
