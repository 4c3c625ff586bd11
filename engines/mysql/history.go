package mysql

// This file gives the runner what it needs for a safe apply: a lock per
// database (GET_LOCK, held by one session) and the history table
// schemasync_history in the target database, which the runner hides from
// every comparison.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/schemasync/schemasync/engines"
)

// HistoryTable is the history table's name in the target database.
const HistoryTable = "schemasync_history"

const historyDDL = "CREATE TABLE IF NOT EXISTS `schemasync_history` (" +
	"`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY," +
	"`target` varchar(255) NOT NULL," +
	"`version` varchar(255) NOT NULL," +
	"`plan_checksum` varchar(100) NOT NULL," +
	"`body_checksum` varchar(100) NOT NULL," +
	"`edited` tinyint(1) NOT NULL," +
	"`fingerprint` varchar(100) NOT NULL," +
	"`statements` int NOT NULL," +
	"`done` int NOT NULL DEFAULT 0," +
	"`body` longtext NOT NULL," +
	"`status` varchar(20) NOT NULL," +
	"`error` text NOT NULL," +
	"`resume_fingerprint` varchar(100) NOT NULL DEFAULT ''," +
	"`applied_by` varchar(255) NOT NULL," +
	"`agent` varchar(255) NOT NULL," +
	"`started_at` datetime(6) NOT NULL," +
	"`finished_at` datetime(6) NULL" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

// HideHistory removes the history table from a model, so that neither
// fingerprints nor diffs see it.
func (*Engine) HideHistory(db *engines.Database) {
	for _, s := range db.Schemas {
		kept := s.Tables[:0]
		for _, t := range s.Tables {
			if t.Name != HistoryTable {
				kept = append(kept, t)
			}
		}
		s.Tables = kept
	}
}

// OpenHistory connects to the target for locking and history.
func (*Engine) OpenHistory(ctx context.Context, url string) (engines.HistorySession, error) {
	db, t, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("mysql: open a session: %w", err)
	}
	return &historySession{db: db, conn: conn, lock: lockName(t.database)}, nil
}

// lockName names the apply lock of a database. GET_LOCK names are server
// wide and at most 64 characters, so long database names are hashed.
func lockName(database string) string {
	name := "schemasync:" + database
	if len(name) > 64 {
		sum := sha256.Sum256([]byte(database))
		name = "schemasync:" + hex.EncodeToString(sum[:20])
	}
	return name
}

type historySession struct {
	db   *sql.DB
	conn *sql.Conn
	lock string
}

func (h *historySession) TryLock(ctx context.Context) (bool, error) {
	var got sql.NullInt64
	if err := h.conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", h.lock).Scan(&got); err != nil {
		return false, fmt.Errorf("mysql: take the apply lock: %w", err)
	}
	return got.Valid && got.Int64 == 1, nil
}

func (h *historySession) Unlock(ctx context.Context) error {
	if _, err := h.conn.ExecContext(ctx, "SELECT RELEASE_LOCK(?)", h.lock); err != nil {
		return fmt.Errorf("mysql: release the apply lock: %w", err)
	}
	return nil
}

func (h *historySession) Records(ctx context.Context, limit int) ([]engines.HistoryRecord, error) {
	var n int
	if err := h.conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", HistoryTable).Scan(&n); err != nil {
		return nil, fmt.Errorf("mysql: read history: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	q := "SELECT id, target, version, plan_checksum, body_checksum, edited, fingerprint, statements, done, " +
		"body, status, error, resume_fingerprint, applied_by, agent, started_at, finished_at " +
		"FROM `schemasync_history` ORDER BY id DESC"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := h.conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("mysql: read history: %w", err)
	}
	defer rows.Close()
	var out []engines.HistoryRecord
	for rows.Next() {
		var r engines.HistoryRecord
		var started time.Time
		var finished sql.NullTime
		if err := rows.Scan(&r.ID, &r.Target, &r.Version, &r.PlanChecksum, &r.BodyChecksum, &r.Edited, &r.Fingerprint,
			&r.Statements, &r.Done, &r.Body, &r.Status, &r.Error, &r.ResumeFingerprint, &r.AppliedBy, &r.Agent,
			&started, &finished); err != nil {
			return nil, fmt.Errorf("mysql: read history: %w", err)
		}
		r.StartedAt = started.UTC().Format(time.RFC3339)
		if finished.Valid {
			r.FinishedAt = finished.Time.UTC().Format(time.RFC3339)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mysql: read history: %w", err)
	}
	return out, nil
}

func (h *historySession) Start(ctx context.Context, r *engines.HistoryRecord) (int64, error) {
	if _, err := h.conn.ExecContext(ctx, historyDDL); err != nil {
		return 0, fmt.Errorf("mysql: create the history table: %w", err)
	}
	res, err := h.conn.ExecContext(ctx, "INSERT INTO `schemasync_history` "+
		"(target, version, plan_checksum, body_checksum, edited, fingerprint, statements, done, body, status, error, applied_by, agent, started_at) "+
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', '', ?, ?, UTC_TIMESTAMP(6))",
		r.Target, r.Version, r.PlanChecksum, r.BodyChecksum, r.Edited, r.Fingerprint, r.Statements, r.Done, r.Body,
		r.AppliedBy, r.Agent)
	if err != nil {
		return 0, fmt.Errorf("mysql: record the apply: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("mysql: record the apply: %w", err)
	}
	return id, nil
}

func (h *historySession) Progress(ctx context.Context, id int64, done int) error {
	if _, err := h.conn.ExecContext(ctx, "UPDATE `schemasync_history` SET done = ? WHERE id = ?", done, id); err != nil {
		return fmt.Errorf("mysql: record progress: %w", err)
	}
	return nil
}

func (h *historySession) Finish(ctx context.Context, id int64, status string, done int, errMsg, resume string) error {
	_, err := h.conn.ExecContext(ctx, "UPDATE `schemasync_history` SET status = ?, done = ?, error = ?, "+
		"resume_fingerprint = ?, finished_at = UTC_TIMESTAMP(6) WHERE id = ?", status, done, errMsg, resume, id)
	if err != nil {
		return fmt.Errorf("mysql: record the outcome: %w", err)
	}
	return nil
}

func (h *historySession) Close(context.Context) error {
	if h.conn == nil {
		return errors.New("mysql: history session already closed")
	}
	err := h.conn.Close()
	if cerr := h.db.Close(); err == nil {
		err = cerr
	}
	h.conn = nil
	return err
}
