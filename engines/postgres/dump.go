package postgres

import (
	"errors"

	"github.com/schemasync/schemasync/engines"
)

// dump writes the model as canonical files. (stub: being written)
func dump(db *engines.Database) ([]engines.File, error) {
	return nil, errors.New("postgres: dump not implemented yet")
}
