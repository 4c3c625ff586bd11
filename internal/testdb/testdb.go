// Package testdb creates and drops throwaway databases on real servers for
// tests, benchmarks and the conformance command.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/internal/dsn"
)

// PostgresEnv names the variable holding an admin URL of the PostgreSQL
// server tests use, e.g. postgres://postgres@127.0.0.1:5432/postgres.
const PostgresEnv = "SCHEMASYNC_TEST_POSTGRES"

// Postgres creates a fresh, uniquely named database, drops it when the test
// ends, and returns its URL. A missing or unreachable server fails the test:
// database tests never skip silently.
func Postgres(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		tb.Fatalf("%s is not set: database tests need a PostgreSQL server (see README.md)", PostgresEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dbURL, drop, err := CreatePostgres(ctx, admin, "t")
	if err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := drop(ctx); err != nil {
			tb.Errorf("drop test database: %v", err)
		}
	})
	return dbURL
}

// CreatePostgres creates a database named ss_<prefix>_<random> on the server
// of adminURL and returns its URL and a function that drops it.
func CreatePostgres(ctx context.Context, adminURL, prefix string) (string, func(context.Context) error, error) {
	name := "ss_" + prefix + "_" + randomSuffix()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %w", dsn.Redact(adminURL), err)
	}
	defer conn.Close(ctx)
	create := "CREATE DATABASE " + name + " TEMPLATE template0"
	if serverMajor(conn) >= 15 {
		// PostgreSQL 15 copies the template through the WAL by default,
		// which cost the server about four times the processor time of
		// copying its files: the larger part of a convergence case's.
		create += " STRATEGY FILE_COPY"
	}
	if _, err := conn.Exec(ctx, create); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("parse admin URL: %w", err)
	}
	u.Path = "/" + name
	drop := func(ctx context.Context) error {
		conn, err := pgx.Connect(ctx, adminURL)
		if err != nil {
			return fmt.Errorf("connect to %s: %w", dsn.Redact(adminURL), err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		return nil
	}
	return u.String(), drop, nil
}

// ExecPostgres runs a whole SQL script (simple protocol, many statements)
// on the database at dbURL.
func ExecPostgres(ctx context.Context, dbURL, script string) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", dsn.Redact(dbURL), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, script); err != nil {
		return err
	}
	return nil
}

// serverMajor is the major version the server reported at connection
// ("15.4 (Debian …)" is 15); 0 when unreadable.
func serverMajor(conn *pgx.Conn) int {
	n := 0
	for _, r := range conn.PgConn().ParameterStatus("server_version") {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func randomSuffix() string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b[:])
}
