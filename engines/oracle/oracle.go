// Package oracle is the Oracle engine: it parses SQL*Plus-style DDL scripts
// with its own tokenizer and recursive-descent parser (no Oracle parser
// exists as a Go module), dumps canonical files, and plans Oracle DDL.
// Inspect reads the ALL_* catalog views through go-ora with a fixed number
// of set-based queries (inspect.go) and builds the model from the rows
// (catalog.go); Apply runs plans statement by statement and keeps a
// history table and a lock in the target schema (apply.go, history.go).
//
// Canonical forms (parse produces them; inspect must produce the same):
//   - The model holds one schema named "": the user's own (or the one
//     the URL's ?schema= names). Schema qualifiers in files (hr.employees)
//     are dropped, except on the table a foreign key references
//     (Constraint.RefSchema), which comparisons ignore when one side has
//     none.
//   - Unquoted names fold to upper case; quoted names stay as written.
//     DDL quotes a name only when Oracle would not read it back unquoted.
//   - Types are spelled as ALL_TAB_COLS describes them: NUMBER, NUMBER(p),
//     NUMBER(p,s) (INTEGER/INT/SMALLINT/DECIMAL are NUMBER(38), NUMBER(p,0)
//     is NUMBER(p)), FLOAT(126) for FLOAT, VARCHAR2(n BYTE|CHAR) and
//     CHAR(n BYTE|CHAR) with BYTE when the file gives no semantics (we
//     assume NLS_LENGTH_SEMANTICS=BYTE, Oracle's default), NVARCHAR2(n),
//     NCHAR(n), TIMESTAMP(6) for TIMESTAMP, INTERVAL YEAR(2) TO MONTH,
//     INTERVAL DAY(2) TO SECOND(6), LONG RAW. A virtual column without a
//     declared type has Type "" (inspect gives the derived type; types of
//     virtual columns are not compared).
//   - Expressions (defaults, checks, virtual columns, index expressions,
//     view queries) are re-printed from their tokens by exprString: words
//     upper case, quoted names unquoted when they need no quotes, literals
//     as written, canonical spacing, so that catalog text ("PRICE"*"QTY")
//     and file text (price * qty) meet. DEFAULT NULL is no default.
//     DEFAULT ON NULL is Options["default_on_null"]="true" and NOT NULL.
//   - Identity is "ALWAYS", "BY DEFAULT" or "BY DEFAULT ON NULL"; identity
//     and sequence options equal to Oracle's defaults are nil. START WITH
//     is kept for creation only and never compared.
//   - NOT NULL is Column.NotNull: an explicit NOT NULL constraint (also
//     implied by identity and DEFAULT ON NULL), not the NOT NULL Oracle
//     holds for primary key columns (ALL_TAB_COLS.NULLABLE says N for
//     both; inspect reads the constraints). A named NOT NULL constraint
//     keeps its name in Options["not_null_constraint"].
//   - Constraints: DISABLE is NotEnforced, ENABLE NOVALIDATE is NotValid.
//     An unnamed constraint gets a model name starting with "$" built from
//     its kind and columns (Oracle's SYS_C names are not stable); inspect
//     keeps the SYS_C name in Options["system_name"] so that DDL can drop,
//     modify or rename it. Unnamed keys read from files are addressed as
//     PRIMARY KEY and UNIQUE (columns); an unnamed foreign key or check
//     read from files cannot be changed (an error says so).
//   - An index with the name and columns of a primary key or unique
//     constraint of its table is the index Oracle made for the key and is
//     not kept; an index of another name on a key's columns is kept, and
//     the key is created after it with USING INDEX. BITMAP indexes have
//     Method "BITMAP". DESC keys are columns with Desc (Oracle shows them
//     as the expression "COL").
//   - Storage, organization, partitioning, LOB and other physical clauses
//     are accepted and ignored.
package oracle

import (
	"context"

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

// Inspect implements engines.Engine: it reads the schema of the URL's user
// (or the one ?schema= names) from the ALL_* catalog views.
func (*Engine) Inspect(ctx context.Context, url string) (*engines.Database, error) {
	return inspect(ctx, url)
}

// Plan implements engines.Engine.
func (*Engine) Plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return plan(ctx, target, source, opts)
}

// Dump implements engines.Engine.
func (*Engine) Dump(db *engines.Database) ([]engines.File, error) {
	return dump(db)
}

// Apply implements engines.Engine: statement by statement, each committed
// by Oracle as it runs.
func (*Engine) Apply(ctx context.Context, url, script string, opts engines.ApplyOptions) (*engines.ApplyResult, error) {
	return apply(ctx, url, script, opts)
}
