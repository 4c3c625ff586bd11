package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// TiDBEnv names the variable holding a go-sql-driver admin DSN of the TiDB
// server tests use, e.g. root@tcp(127.0.0.1:4000)/ (scripts/tidb-server.sh
// env prints it).
const TiDBEnv = "SCHEMASYNC_TEST_TIDB"

// TiDBServer returns the TiDB server named by the environment, in the shape
// of the other MySQL-family servers. An unset variable fails the test:
// database tests never skip silently.
func TiDBServer(tb testing.TB) MySQLServer {
	tb.Helper()
	v := os.Getenv(TiDBEnv)
	if v == "" {
		tb.Fatalf("%s is not set: TiDB tests need a server (scripts/tidb-server.sh start; see README.md)", TiDBEnv)
	}
	return MySQLServer{Name: "tidb", AdminDSN: v}
}

// TiDB creates a fresh, uniquely named database on the TiDB server, drops it
// when the test ends, and returns its mysql:// URL.
func TiDB(tb testing.TB) string {
	tb.Helper()
	return MySQL(tb, TiDBServer(tb))
}

// TiDBVersion returns VERSION() of the server of adminDSN, and an error when
// that server is not TiDB (its version says so: "8.0.11-TiDB-v9.0.0-...").
func TiDBVersion(ctx context.Context, adminDSN string) (string, error) {
	cfg, err := gomysql.ParseDSN(adminDSN)
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", TiDBEnv, err)
	}
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		return "", err
	}
	db := sql.OpenDB(conn)
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var version string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err != nil {
		return "", fmt.Errorf("SELECT VERSION() on %s: %w", cfg.Addr, err)
	}
	if !strings.Contains(strings.ToLower(version), "tidb") {
		return version, fmt.Errorf("the server at %s is not TiDB: version %q", cfg.Addr, version)
	}
	return version, nil
}
