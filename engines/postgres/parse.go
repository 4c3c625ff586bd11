package postgres

import (
	"context"
	"errors"

	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/schemasync/schemasync/engines"
)

// STUBS: this file is being written; the signatures are the contract that
// inspect.go and diff.go rely on.

var errTODO = errors.New("postgres: parse not implemented yet")

// parseFiles reads schema files into the model.
func parseFiles(ctx context.Context, files []engines.File, opts engines.ParseOptions) (*engines.Database, error) {
	return nil, errTODO
}

// parseIndexDef reads pg_get_indexdef() output, e.g.
// "CREATE UNIQUE INDEX t_a_idx ON public.t USING btree (a) WHERE (a > 0)".
func parseIndexDef(def string) (schema, table string, idx *engines.Index, err error) {
	return "", "", nil, errTODO
}

// parseConstraintDef reads pg_get_constraintdef() output for a constraint
// of table schema.table, e.g. "FOREIGN KEY (a) REFERENCES public.t(id) ON DELETE CASCADE".
func parseConstraintDef(schema, table, name, def string) (*engines.Constraint, error) {
	return nil, errTODO
}

// parseTriggerDef reads pg_get_triggerdef() output.
func parseTriggerDef(def string) (*engines.Trigger, error) { return nil, errTODO }

// parseFunctionDef reads pg_get_functiondef() output.
func parseFunctionDef(def string) (*engines.Function, error) { return nil, errTODO }

// formatType prints a type name the way format_type() does with
// search_path = pg_catalog (see the package comment).
func formatType(tn *pg_query.TypeName) string { return "" }

// normalizer computes comparison keys for expressions and queries; it
// caches, so one normalizer serves one plan.
type normalizer struct{ cache map[string]string }

func newNormalizer() *normalizer { return &normalizer{cache: map[string]string{}} }

// expr returns the comparison key of a scalar expression.
func (n *normalizer) expr(sql string) string { return sql }

// query returns the comparison key of a view query.
func (n *normalizer) query(sql string) string { return sql }
