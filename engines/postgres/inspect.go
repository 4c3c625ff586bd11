package postgres

import (
	"context"
	"errors"

	"github.com/schemasync/schemasync/engines"
)

// inspect reads a live database into the model. (stub: being written)
func inspect(ctx context.Context, url string) (*engines.Database, error) {
	return nil, errors.New("postgres: inspect not implemented yet")
}
