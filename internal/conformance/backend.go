package conformance

import (
	"context"

	"github.com/schemasync/schemasync/engines"
)

// Backend is what the runner needs from one kind of server besides the
// engine under test: server facts for gates, roles, throwaway databases and
// loading case files. Each engine of the corpus (postgres, later mysql and
// tidb) has one.
type Backend interface {
	// Engine is the engine under test.
	Engine() engines.Engine
	// Server reads the facts gates compare cases with. An error here means
	// the run cannot start.
	Server(ctx context.Context) (Server, error)
	// EnsureRoles creates the roles cases use, leaving existing ones alone.
	EnsureRoles(ctx context.Context, roles []string) error
	// CreateDatabase creates an empty database set up as the case requires
	// and returns its URL and a function that drops it.
	CreateDatabase(ctx context.Context, m *Meta) (url string, drop func(context.Context) error, err error)
	// Load runs a case file (from.sql or to.sql, the name is for errors) on
	// a database.
	Load(ctx context.Context, url, name, script string) error
	// Close releases what the backend keeps between cases (idle databases).
	Close(ctx context.Context) error
}

// corpusNamer is a backend whose cases are not filed under its engine's
// name: TiDB runs the mysql engine on the corpus's tidb directory.
type corpusNamer interface {
	CorpusName() string
}
