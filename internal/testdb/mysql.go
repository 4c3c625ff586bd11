package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/internal/dsn"
)

// MariaDBEnv and MySQLEnv name the variables holding go-sql-driver admin
// DSNs of the MariaDB and Oracle MySQL servers tests use, e.g.
// root@tcp(127.0.0.1:3306)/.
const (
	MariaDBEnv = "SCHEMASYNC_TEST_MARIADB"
	MySQLEnv   = "SCHEMASYNC_TEST_MYSQL"
)

// MySQLServer is one server of the MySQL family that tests run against.
type MySQLServer struct {
	Name     string // "mariadb", "mysql" or "tidb"
	AdminDSN string
}

// MySQLServers lists the MariaDB and Oracle MySQL servers named by the
// environment. None fails the test: database tests never skip silently.
func MySQLServers(tb testing.TB) []MySQLServer {
	tb.Helper()
	var out []MySQLServer
	if v := os.Getenv(MariaDBEnv); v != "" {
		out = append(out, MySQLServer{Name: "mariadb", AdminDSN: v})
	}
	if v := os.Getenv(MySQLEnv); v != "" {
		out = append(out, MySQLServer{Name: "mysql", AdminDSN: v})
	}
	if len(out) == 0 {
		tb.Fatalf("neither %s nor %s is set: MySQL engine tests need a server (see README.md)", MariaDBEnv, MySQLEnv)
	}
	return out
}

// MySQLFamilyServers lists MySQLServers and the TiDB server, for tests that
// hold for the whole family (the convergence corpus gates its cases per
// server). TiDB is required: SCHEMASYNC_TEST_TIDB unset fails the test.
func MySQLFamilyServers(tb testing.TB) []MySQLServer {
	tb.Helper()
	return append(MySQLServers(tb), TiDBServer(tb))
}

// MySQL creates a fresh, uniquely named database on the server, drops it
// when the test ends, and returns its mysql:// URL.
func MySQL(tb testing.TB, server MySQLServer) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dbURL, drop, err := CreateMySQL(ctx, server.AdminDSN, "t")
	if err != nil {
		tb.Fatalf("create test database on %s: %v", server.Name, err)
	}
	tb.Cleanup(func() {
		// Dropping thousands of tables (the benchmarks) takes minutes.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		if err := drop(ctx); err != nil {
			tb.Errorf("drop test database: %v", err)
		}
	})
	return dbURL
}

// CreateMySQL creates a database named ss_<prefix>_<random> on the server of
// the admin DSN and returns its mysql:// URL and a function that drops it.
func CreateMySQL(ctx context.Context, adminDSN, prefix string) (string, func(context.Context) error, error) {
	cfg, err := gomysql.ParseDSN(adminDSN)
	if err != nil {
		return "", nil, fmt.Errorf("parse admin DSN: %s", dsn.Scrub("mysql://x:"+passwordOf(adminDSN)+"@", err.Error()))
	}
	name := "ss_" + prefix + "_" + randomSuffix()
	exec := func(ctx context.Context, q string) error {
		c := cfg.Clone()
		c.DBName = ""
		conn, err := gomysql.NewConnector(c)
		if err != nil {
			return err
		}
		db := sql.OpenDB(conn)
		defer db.Close()
		_, err = db.ExecContext(ctx, q)
		return err
	}
	if err := exec(ctx, "CREATE DATABASE `"+name+"` CHARACTER SET utf8mb4"); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u := url.URL{Scheme: "mysql", Host: cfg.Addr, Path: "/" + name}
	if cfg.Net == "unix" {
		u.Host = ""
		u.RawQuery = url.Values{"socket": {cfg.Addr}}.Encode()
	}
	if cfg.Passwd != "" {
		u.User = url.UserPassword(cfg.User, cfg.Passwd)
	} else if cfg.User != "" {
		u.User = url.User(cfg.User)
	}
	drop := func(ctx context.Context) error {
		if err := exec(ctx, "DROP DATABASE IF EXISTS `"+name+"`"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		return nil
	}
	return u.String(), drop, nil
}

// ExecMySQL runs statements, one at a time, on the database of a mysql://
// URL made by CreateMySQL. Callers split scripts (DELIMITER-aware) first.
func ExecMySQL(ctx context.Context, dbURL string, stmts ...string) error {
	u, err := url.Parse(dbURL)
	if err != nil {
		return fmt.Errorf("parse URL %s: %w", dsn.Redact(dbURL), err)
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
	cfg.DBName = u.Path[1:]
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		return fmt.Errorf("connect to %s: %s", dsn.Redact(dbURL), dsn.Scrub(dbURL, err.Error()))
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%w\n  statement: %s", err, s)
		}
	}
	return nil
}

func passwordOf(adminDSN string) string {
	if cfg, err := gomysql.ParseDSN(adminDSN); err == nil {
		return cfg.Passwd
	}
	return ""
}
