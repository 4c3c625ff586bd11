package postgres

// This file gives the runner what it needs for a safe apply: a per-database
// lock (a session advisory lock) and the history table
// schemasync.schemasync_history. The history lives in its own schema so that
// the runner can hide it from inspections by dropping one schema.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/schemasync/schemasync/engines"
)

// HistorySchema holds the history table; the runner leaves it out of
// every comparison.
const HistorySchema = "schemasync"

// historyLockKey is the advisory lock key of schemasync applies ("schemasy"
// in ASCII). Advisory locks are per database, so one key serves every target.
const historyLockKey int64 = 0x736368656d617379

const historyDDL = `CREATE SCHEMA IF NOT EXISTS schemasync;
CREATE TABLE IF NOT EXISTS schemasync.schemasync_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	target text NOT NULL,
	version text NOT NULL,
	plan_checksum text NOT NULL,
	body_checksum text NOT NULL,
	edited boolean NOT NULL,
	fingerprint text NOT NULL,
	statements integer NOT NULL,
	done integer NOT NULL DEFAULT 0,
	body text NOT NULL,
	status text NOT NULL,
	error text NOT NULL DEFAULT '',
	resume_fingerprint text NOT NULL DEFAULT '',
	applied_by text NOT NULL,
	agent text NOT NULL,
	started_at timestamptz NOT NULL DEFAULT now(),
	finished_at timestamptz
)`

// HideHistory removes the history schema from a model, so that neither
// fingerprints nor diffs see it.
func (*Engine) HideHistory(db *engines.Database) {
	kept := db.Schemas[:0]
	for _, s := range db.Schemas {
		if s.Name != HistorySchema {
			kept = append(kept, s)
		}
	}
	db.Schemas = kept
}

// OpenHistory connects to the target for locking and history.
func (*Engine) OpenHistory(ctx context.Context, url string) (engines.HistorySession, error) {
	conn, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	return &historySession{conn: conn}, nil
}

type historySession struct {
	conn *pgx.Conn
}

func (h *historySession) TryLock(ctx context.Context) (bool, error) {
	var ok bool
	if err := h.conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", historyLockKey).Scan(&ok); err != nil {
		return false, fmt.Errorf("postgres: take the apply lock: %w", err)
	}
	return ok, nil
}

func (h *historySession) Unlock(ctx context.Context) error {
	if _, err := h.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", historyLockKey); err != nil {
		return fmt.Errorf("postgres: release the apply lock: %w", err)
	}
	return nil
}

func (h *historySession) Records(ctx context.Context, limit int) ([]engines.HistoryRecord, error) {
	var exists bool
	if err := h.conn.QueryRow(ctx, "SELECT to_regclass('schemasync.schemasync_history') IS NOT NULL").Scan(&exists); err != nil {
		return nil, fmt.Errorf("postgres: read history: %w", err)
	}
	if !exists {
		return nil, nil
	}
	q := `SELECT id, target, version, plan_checksum, body_checksum, edited, fingerprint, statements, done,
		body, status, error, resume_fingerprint, applied_by, agent, started_at, finished_at
		FROM schemasync.schemasync_history ORDER BY id DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := h.conn.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("postgres: read history: %w", err)
	}
	defer rows.Close()
	var out []engines.HistoryRecord
	for rows.Next() {
		var r engines.HistoryRecord
		var started time.Time
		var finished *time.Time
		if err := rows.Scan(&r.ID, &r.Target, &r.Version, &r.PlanChecksum, &r.BodyChecksum, &r.Edited, &r.Fingerprint,
			&r.Statements, &r.Done, &r.Body, &r.Status, &r.Error, &r.ResumeFingerprint, &r.AppliedBy, &r.Agent,
			&started, &finished); err != nil {
			return nil, fmt.Errorf("postgres: read history: %w", err)
		}
		r.StartedAt = started.UTC().Format(time.RFC3339)
		if finished != nil {
			r.FinishedAt = finished.UTC().Format(time.RFC3339)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: read history: %w", err)
	}
	return out, nil
}

func (h *historySession) Start(ctx context.Context, r *engines.HistoryRecord) (int64, error) {
	if _, err := h.conn.Exec(ctx, historyDDL); err != nil {
		return 0, fmt.Errorf("postgres: create the history table: %w", err)
	}
	var id int64
	err := h.conn.QueryRow(ctx, `INSERT INTO schemasync.schemasync_history
		(target, version, plan_checksum, body_checksum, edited, fingerprint, statements, done, body, status, applied_by, agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', $10, $11) RETURNING id`,
		r.Target, r.Version, r.PlanChecksum, r.BodyChecksum, r.Edited, r.Fingerprint, r.Statements, r.Done, r.Body,
		r.AppliedBy, r.Agent).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("postgres: record the apply: %w", err)
	}
	return id, nil
}

func (h *historySession) Progress(ctx context.Context, id int64, done int) error {
	if _, err := h.conn.Exec(ctx, "UPDATE schemasync.schemasync_history SET done = $2 WHERE id = $1", id, done); err != nil {
		return fmt.Errorf("postgres: record progress: %w", err)
	}
	return nil
}

func (h *historySession) Finish(ctx context.Context, id int64, status string, done int, errMsg, resume string) error {
	_, err := h.conn.Exec(ctx, `UPDATE schemasync.schemasync_history
		SET status = $2, done = $3, error = $4, resume_fingerprint = $5, finished_at = now() WHERE id = $1`,
		id, status, done, errMsg, resume)
	if err != nil {
		return fmt.Errorf("postgres: record the outcome: %w", err)
	}
	return nil
}

func (h *historySession) Close(ctx context.Context) error {
	if h.conn == nil {
		return errors.New("postgres: history session already closed")
	}
	err := h.conn.Close(ctx)
	h.conn = nil
	return err
}
