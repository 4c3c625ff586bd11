package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// connect opens one connection, with an error that names the server but
// never the password.
func connect(ctx context.Context, url string) (*pgx.Conn, error) {
	return connectTraced(ctx, url, nil)
}

// connectTraced is connect with a tracer that sees every statement sent
// (nil: none).
func connectTraced(ctx context.Context, url string, tracer pgx.QueryTracer) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: bad connection URL %s: %s", dsn.Redact(url), dsn.ParseError(url, err.Error()))
	}
	cfg.Tracer = tracer
	if !strings.Contains(url, "default_query_exec_mode") {
		// One round trip per statement (or per batch) instead of a
		// prepare and an execute: schemasync's statements mostly run once
		// per connection, so a statement cache only costs a round trip,
		// which a distant target pays in full. Unnamed statements also
		// pass through transaction-pooling proxies.
		cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		// The driver's message may quote parts of the URL: scrub it and keep
		// the cause unwrappable only through a scrubbed error.
		return nil, fmt.Errorf("postgres: cannot connect to %s: %w", dsn.Redact(url), errors.New(dsn.Scrub(url, err.Error())))
	}
	return conn, nil
}

// connectKept returns the connection to url that ctx's connection keeper
// holds for the target (see engines.ConnKeeper), or a new one. release
// gives it back, or closes it, and must be called instead of Close. A
// connection goes back to the keeper only when its session is clean: no
// transaction open (callers roll back theirs, which also drops the
// temporary objects of the server assist) and no query in flight.
func connectKept(ctx context.Context, url string) (conn *pgx.Conn, release func(), err error) {
	conn, done, err := engines.KeptConn(ctx, url, func(ctx context.Context) (*pgx.Conn, func(context.Context), error) {
		c, err := connect(ctx, url)
		if err != nil {
			return nil, nil, err
		}
		return c, func(ctx context.Context) { _ = c.Close(ctx) }, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return conn, func() {
		pc := conn.PgConn()
		done(!conn.IsClosed() && !pc.IsBusy() && pc.TxStatus() == 'I')
	}, nil
}
