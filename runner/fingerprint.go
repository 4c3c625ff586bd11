package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/schemasync/schemasync/engines"
)

// historian is what apply, drift and history need from an engine beyond
// engines.Engine: a lock and a history table in the target, and a way to
// keep that table out of every comparison.
type historian interface {
	OpenHistory(ctx context.Context, url string) (engines.HistorySession, error)
	HideHistory(db *engines.Database)
}

// Fingerprint is "sha256:" and the hex digest of the canonical JSON of a
// model: two targets with the same fingerprint have the same schema.
func Fingerprint(db *engines.Database) (string, error) {
	db.Sort()
	b, err := json.Marshal(db)
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	// The digest of the bytes themselves: Checksum(string(b)) would copy
	// megabytes of JSON for a big schema.
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// Checksum is "sha256:" and the hex digest of a text.
func Checksum(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// hideHistory removes the runner's own objects from a model.
func hideHistory(e engines.Engine, db *engines.Database) {
	if h, ok := e.(historian); ok && db != nil {
		h.HideHistory(db)
	}
}

// InspectTarget inspects a live target without the runner's history
// objects and returns the model with its fingerprint.
func InspectTarget(ctx context.Context, e engines.Engine, url string) (*engines.Database, string, error) {
	db, err := e.Inspect(ctx, url)
	if err != nil {
		return nil, "", err
	}
	hideHistory(e, db)
	fp, err := Fingerprint(db)
	if err != nil {
		return nil, "", err
	}
	return db, fp, nil
}
