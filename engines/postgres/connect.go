package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		// The driver's message may quote parts of the URL: scrub it and keep
		// the cause unwrappable only through a scrubbed error.
		return nil, fmt.Errorf("postgres: cannot connect to %s: %w", dsn.Redact(url), errors.New(dsn.Scrub(url, err.Error())))
	}
	return conn, nil
}
