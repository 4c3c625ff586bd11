// Package oracle is the Oracle engine: it parses SQL*Plus-style DDL scripts
// with its own tokenizer and recursive-descent parser (no Oracle parser
// exists as a Go module), dumps canonical files, and plans Oracle DDL.
// Inspect and Apply (go-ora) are not part of this increment.
//
// Canonical forms (parse produces them; inspect must produce the same):
//   - The model holds one schema named "": the user's own. Schema
//     qualifiers in files (hr.employees) are dropped.
//   - Unquoted names fold to upper case; quoted names stay as written.
//     DDL quotes a name only when Oracle would not read it back unquoted.
//   - Types are spelled as ALL_TAB_COLS describes them: NUMBER, NUMBER(p),
//     NUMBER(p,s) (INTEGER/INT/SMALLINT/DECIMAL are NUMBER(38), NUMBER(p,0)
//     is NUMBER(p)), FLOAT(126) for FLOAT, VARCHAR2(n BYTE|CHAR) and
//     CHAR(n BYTE|CHAR) with BYTE when the file gives no semantics (we
//     assume NLS_LENGTH_SEMANTICS=BYTE, Oracle's default), NVARCHAR2(n),
//     NCHAR(n), TIMESTAMP(6) for TIMESTAMP, INTERVAL YEAR(2) TO MONTH,
//     INTERVAL DAY(2) TO SECOND(6), LONG RAW. A virtual column without a
//     declared type has Type "".
//   - Expressions (defaults, checks, virtual columns, index expressions,
//     view queries) are re-printed from their tokens by exprString: words
//     upper case, literals as written, canonical spacing. DEFAULT NULL is
//     no default. DEFAULT ON NULL is Options["default_on_null"]="true".
//   - Identity is "ALWAYS", "BY DEFAULT" or "BY DEFAULT ON NULL"; identity
//     and sequence options equal to Oracle's defaults are nil. START WITH
//     is kept for creation only and never compared.
//   - NOT NULL is Column.NotNull; a named NOT NULL constraint keeps its
//     name in Options["not_null_constraint"].
//   - Constraints: DISABLE is NotEnforced, ENABLE NOVALIDATE is NotValid.
//     An unnamed constraint gets a model name starting with "$" built from
//     its kind and columns (Oracle's SYS_C names are not stable).
//   - An index with the name and columns of a primary key or unique
//     constraint of its table is the constraint's index and is not kept.
//     BITMAP indexes have Method "BITMAP".
//   - Storage, organization, partitioning, LOB and other physical clauses
//     are accepted and ignored.
package oracle

import (
	"context"
	"errors"

	"github.com/schemasync/schemasync/engines"
)

// Engine is the Oracle engine. It holds no state.
type Engine struct{}

// New returns the Oracle engine.
func New() *Engine { return &Engine{} }

// Name implements engines.Engine.
func (*Engine) Name() string { return "oracle" }

// Schemes implements engines.Engine.
func (*Engine) Schemes() []string { return []string{"oracle"} }

// Parse implements engines.Engine.
func (*Engine) Parse(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	return parseFiles(ctx, files, opts)
}

// errNotYet is returned by the live-database operations this increment
// does not provide.
var errNotYet = errors.New("oracle: live databases are not supported yet (inspect and apply come in a later increment); compare files with --engine oracle")

// Inspect implements engines.Engine.
func (*Engine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	return nil, errNotYet
}

// Plan implements engines.Engine.
func (*Engine) Plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return plan(ctx, target, source, opts)
}

// Dump implements engines.Engine.
func (*Engine) Dump(db *engines.Database) ([]engines.File, error) {
	return dump(db)
}

// Apply implements engines.Engine.
func (*Engine) Apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	return nil, errNotYet
}
