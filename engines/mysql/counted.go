package mysql

import (
	"context"

	"github.com/schemasync/schemasync/engines"
)

// InspectCounted inspects like Inspect and also returns the number of
// statements sent, which does not grow with the number of tables
// (invariant 5); the benchmark command prints it.
func (e *Engine) InspectCounted(ctx context.Context, url string) (*engines.Database, int, error) {
	return inspectCounted(ctx, url, e)
}
