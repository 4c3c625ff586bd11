// Package postgres is the PostgreSQL engine: it parses schema files with
// pg_query_go (the PostgreSQL 17 grammar), inspects live databases with pgx,
// and plans and applies DDL.
//
// Canonical forms shared by parse and inspect (both must produce them, so
// that an unchanged schema diffs empty):
//   - Names are stored unquoted, as the server stores them (folded to lower
//     case unless quoted in the file).
//   - Objects with no schema in a file belong to "public". The schema
//     "public" always exists in a model and is never created or dropped.
//   - Column and argument types are printed as format_type() prints them with
//     search_path = pg_catalog: "integer", "character varying(20)",
//     "timestamp with time zone", "numeric(10,2)", "text[]"; user types are
//     schema-qualified ("public.mood").
//   - serial columns become integer/bigint/smallint NOT NULL with a default
//     of nextval('<table>_<column>_seq'::regclass) and an owned sequence.
//   - Implicit constraint and index names are the ones the server would
//     choose (t_pkey, t_a_key, t_a_fkey, t_a_check, t_check, t_a_idx).
//   - Primary key columns are NOT NULL.
//   - Sequence and identity options hold only values that differ from the
//     defaults for their type; Index.Method is always set ("btree" by default).
//   - Expressions (defaults, checks, generated columns, index expressions and
//     predicates, trigger conditions, view queries) keep the text their
//     producer printed; diff compares them through the normalizer, which
//     removes what the server adds (casts of literals, parentheses, the
//     public and pg_catalog qualifiers).
//   - Inspect reads the server's own DDL text for indexes, constraints,
//     triggers and functions (pg_get_indexdef and friends) and parses it with
//     the same code as schema files, so both sides share one builder.
package postgres

import (
	"context"

	"github.com/schemasync/schemasync/engines"
)

// Engine is the PostgreSQL engine. One value serves any number of
// concurrent calls. It holds no state but caches of pure functions of
// texts (see shared.go), which the targets of a fleet share.
type Engine struct {
	keys keyCache
	defs defCache
}

// New returns the PostgreSQL engine.
func New() *Engine { return &Engine{} }

// Name implements engines.Engine.
func (*Engine) Name() string { return "postgres" }

// Schemes implements engines.Engine.
func (*Engine) Schemes() []string { return []string{"postgres", "postgresql"} }

// Parse implements engines.Engine.
func (*Engine) Parse(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	return parseFiles(ctx, files, opts)
}

// Inspect implements engines.Engine.
func (e *Engine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	return inspectShared(ctx, url, &e.defs)
}

// InspectCounted inspects like Inspect and also returns the number of
// catalog queries sent, which does not grow with the number of objects
// (invariant 5); the benchmark command prints it.
func (*Engine) InspectCounted(ctx context.Context, url string) (*engines.Database, int, error) {
	return inspectCounted(ctx, url)
}

// Plan implements engines.Engine.
func (e *Engine) Plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return planShared(ctx, &e.keys, target, source, opts)
}

// Dump implements engines.Engine.
func (*Engine) Dump(db *engines.Database) ([]engines.File, error) {
	return dump(db)
}

// Apply implements engines.Engine.
func (*Engine) Apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	return apply(ctx, url, script, opts)
}
