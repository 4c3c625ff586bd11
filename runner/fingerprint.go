package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

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
// model (json.Marshal's bytes, written straight into the hash by
// modelJSON): two targets with the same fingerprint have the same schema.
// It never fails; the error is kept for callers written when it could.
func Fingerprint(db *engines.Database) (string, error) {
	db.Sort()
	w := modelJSON{h: sha256.New(), buf: make([]byte, 0, flushAt+flushAt/4)}
	w.database(db)
	w.flush()
	return "sha256:" + hex.EncodeToString(w.h.Sum(nil)), nil
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
