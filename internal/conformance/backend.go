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

// namedDatabases is a backend that can load case files written for a
// database of a given name (sqldef's MySQL cases qualify views with
// theirs): on a load error naming a database that does not exist, the case
// runs again in a database of that name. While it does, no other case may
// run: another case's files naming that database would load against it.
type namedDatabases interface {
	// MissingDatabase is the database a load error says does not exist, or "".
	MissingDatabase(ctx context.Context, err error) string
	// CreateNamedDatabase creates (after dropping) the database name and
	// returns its URL and a function that drops it.
	CreateNamedDatabase(ctx context.Context, name string) (url string, drop func(context.Context) error, err error)
	// LockNames is held by every case, shared, and exclusive by a case
	// that uses a named database; it returns the unlock.
	LockNames(exclusive bool) func()
}

// catalogDumper is a backend whose server has a schema dumper of its own,
// the second judge of Options.DumpJudge.
type catalogDumper interface {
	// DumpCanonical dumps the database of url and returns the dump in
	// dumptool.Canonical form.
	DumpCanonical(ctx context.Context, url string) ([]string, error)
}
