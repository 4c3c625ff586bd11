package postgres

import (
	"context"
	"errors"

	"github.com/schemasync/schemasync/engines"
)

// plan computes the changes from target to source and their DDL. (stub: being written)
func plan(ctx context.Context, target, source *engines.Database, opts engines.PlanOptions) (*engines.Plan, error) {
	return nil, errors.New("postgres: plan not implemented yet")
}
