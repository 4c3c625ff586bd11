package oracle

// This file gives the runner what it needs for a safe apply: a lock per
// schema and the history table SCHEMASYNC_HISTORY in the target schema,
// which the runner hides from every comparison.
//
// The lock is a row of SCHEMASYNC_LOCK held FOR UPDATE NOWAIT by an open
// transaction on a connection of its own. DBMS_LOCK would need a grant
// most schemas lack, and a lock taken on the history connection would not
// last: every DDL and every progress update commits, and a commit ends the
// transaction that holds the lock.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	goora "github.com/sijms/go-ora/v2"

	"github.com/schemasync/schemasync/engines"
)

// HistoryTable and LockTable are the runner's tables in the target schema.
const (
	HistoryTable = "SCHEMASYNC_HISTORY"
	LockTable    = "SCHEMASYNC_LOCK"
)

// Text columns are nullable: Oracle stores the empty string as NULL.
const historyColumns = `(
  ID NUMBER(19) NOT NULL,
  TARGET VARCHAR2(255 CHAR),
  VERSION VARCHAR2(255 CHAR),
  PLAN_CHECKSUM VARCHAR2(100 CHAR),
  BODY_CHECKSUM VARCHAR2(100 CHAR),
  EDITED NUMBER(1) NOT NULL,
  FINGERPRINT VARCHAR2(100 CHAR),
  STATEMENTS NUMBER(10) NOT NULL,
  DONE NUMBER(10) DEFAULT 0 NOT NULL,
  BODY CLOB,
  STATUS VARCHAR2(20 CHAR) NOT NULL,
  ERROR CLOB,
  RESUME_FINGERPRINT VARCHAR2(100 CHAR),
  APPLIED_BY VARCHAR2(255 CHAR),
  AGENT VARCHAR2(255 CHAR),
  STARTED_AT TIMESTAMP NOT NULL,
  FINISHED_AT TIMESTAMP,
  CONSTRAINT SCHEMASYNC_HISTORY_PK PRIMARY KEY (ID)
)`

// HideHistory removes the runner's tables from a model, so that neither
// fingerprints nor diffs see them.
func (*Engine) HideHistory(db *engines.Database) {
	for _, s := range db.Schemas {
		kept := s.Tables[:0]
		for _, t := range s.Tables {
			if t.Name != HistoryTable && t.Name != LockTable {
				kept = append(kept, t)
			}
		}
		s.Tables = kept
	}
}

// OpenHistory connects to the target for locking and history.
func (*Engine) OpenHistory(ctx context.Context, url string) (engines.HistorySession, error) {
	s, err := openSession(ctx, url)
	if err != nil {
		return nil, err
	}
	return newHistorySession(s), nil
}

func newHistorySession(s *session) *historySession {
	return &historySession{s: s, owner: s.owner, table: quoteName(s.owner) + "." + HistoryTable, lockTable: quoteName(s.owner) + "." + LockTable}
}

type historySession struct {
	s *session
	// owner is the schema; table and lockTable are qualified with it, so
	// the lock connection needs no ALTER SESSION.
	owner, table, lockTable string
	// lockConn and lockTx hold the lock while it is taken.
	lockConn *sql.Conn
	lockTx   *sql.Tx
}

// isOracleError reports whether err carries the ORA- code.
func isOracleError(err error, code string) bool {
	return err != nil && strings.Contains(err.Error(), code)
}

func (h *historySession) tableExists(ctx context.Context, name string) (bool, error) {
	var n int
	err := h.s.conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM ALL_TABLES WHERE OWNER = :1 AND TABLE_NAME = :2", h.owner, name).Scan(&n)
	return n > 0, err
}

// ensureTable creates a table on first use; a concurrent creation
// (ORA-00955) is fine.
func (h *historySession) ensureTable(ctx context.Context, name, ddl string) error {
	ok, err := h.tableExists(ctx, name)
	if err != nil || ok {
		return err
	}
	if _, err := h.s.conn.ExecContext(ctx, ddl); err != nil && !isOracleError(err, "ORA-00955") {
		return err
	}
	return nil
}

func (h *historySession) TryLock(ctx context.Context) (bool, error) {
	if h.lockTx != nil {
		return true, nil
	}
	if err := h.ensureTable(ctx, LockTable, "CREATE TABLE "+h.lockTable+" (ID NUMBER(1) NOT NULL, CONSTRAINT SCHEMASYNC_LOCK_PK PRIMARY KEY (ID))"); err != nil {
		return false, fmt.Errorf("oracle: create the lock table: %w", err)
	}
	if _, err := h.s.conn.ExecContext(ctx, "INSERT INTO "+h.lockTable+" (ID) SELECT 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM "+h.lockTable+")"); err != nil && !isOracleError(err, "ORA-00001") {
		return false, fmt.Errorf("oracle: create the lock row: %w", err)
	}
	conn, err := h.s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("oracle: open the lock session: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return false, fmt.Errorf("oracle: take the apply lock: %w", err)
	}
	var id int
	err = tx.QueryRowContext(ctx, "SELECT ID FROM "+h.lockTable+" WHERE ID = 1 FOR UPDATE NOWAIT").Scan(&id)
	if err != nil {
		tx.Rollback()
		conn.Close()
		if isOracleError(err, "ORA-00054") { // resource busy: another apply holds it
			return false, nil
		}
		return false, fmt.Errorf("oracle: take the apply lock: %w", err)
	}
	h.lockConn, h.lockTx = conn, tx
	return true, nil
}

func (h *historySession) Unlock(context.Context) error {
	if h.lockTx == nil {
		return nil
	}
	err := h.lockTx.Rollback()
	if cerr := h.lockConn.Close(); err == nil {
		err = cerr
	}
	h.lockConn, h.lockTx = nil, nil
	if err != nil {
		return fmt.Errorf("oracle: release the apply lock: %w", err)
	}
	return nil
}

func (h *historySession) Records(ctx context.Context, limit int) ([]engines.HistoryRecord, error) {
	ok, err := h.tableExists(ctx, HistoryTable)
	if err != nil {
		return nil, fmt.Errorf("oracle: read history: %w", err)
	}
	if !ok {
		return nil, nil
	}
	q := "SELECT ID, TARGET, VERSION, PLAN_CHECKSUM, BODY_CHECKSUM, EDITED, FINGERPRINT, STATEMENTS, DONE, " +
		"BODY, STATUS, ERROR, RESUME_FINGERPRINT, APPLIED_BY, AGENT, STARTED_AT, FINISHED_AT FROM " + h.table + " ORDER BY ID DESC"
	if limit > 0 {
		q += fmt.Sprintf(" FETCH FIRST %d ROWS ONLY", limit)
	}
	rows, err := h.s.conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("oracle: read history: %w", err)
	}
	defer rows.Close()
	var out []engines.HistoryRecord
	for rows.Next() {
		var r engines.HistoryRecord
		var target, version, planSum, bodySum, fp, body, status, errMsg, resume, by, agent sql.NullString
		var edited int
		var started time.Time
		var finished sql.NullTime
		if err := rows.Scan(&r.ID, &target, &version, &planSum, &bodySum, &edited, &fp, &r.Statements, &r.Done,
			&body, &status, &errMsg, &resume, &by, &agent, &started, &finished); err != nil {
			return nil, fmt.Errorf("oracle: read history: %w", err)
		}
		r.Target, r.Version, r.PlanChecksum, r.BodyChecksum = target.String, version.String, planSum.String, bodySum.String
		r.Edited, r.Fingerprint, r.Body, r.Status, r.Error = edited != 0, fp.String, body.String, status.String, errMsg.String
		r.ResumeFingerprint, r.AppliedBy, r.Agent = resume.String, by.String, agent.String
		r.StartedAt = started.UTC().Format(time.RFC3339)
		if finished.Valid {
			r.FinishedAt = finished.Time.UTC().Format(time.RFC3339)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("oracle: read history: %w", err)
	}
	return out, nil
}

// clob binds a text of any length to a CLOB column (a plain string binds
// as VARCHAR2, at most 32767 bytes).
func clob(s string) goora.Clob { return goora.Clob{String: s, Valid: s != ""} }

func (h *historySession) Start(ctx context.Context, r *engines.HistoryRecord) (int64, error) {
	if err := h.ensureTable(ctx, HistoryTable, "CREATE TABLE "+h.table+" "+historyColumns); err != nil {
		return 0, fmt.Errorf("oracle: create the history table: %w", err)
	}
	// The caller holds the lock, so the next id is ours.
	var id int64
	if err := h.s.conn.QueryRowContext(ctx, "SELECT NVL(MAX(ID), 0) + 1 FROM "+h.table).Scan(&id); err != nil {
		return 0, fmt.Errorf("oracle: record the apply: %w", err)
	}
	edited := 0
	if r.Edited {
		edited = 1
	}
	_, err := h.s.conn.ExecContext(ctx, "INSERT INTO "+h.table+
		" (ID, TARGET, VERSION, PLAN_CHECKSUM, BODY_CHECKSUM, EDITED, FINGERPRINT, STATEMENTS, DONE, BODY, STATUS, APPLIED_BY, AGENT, STARTED_AT)"+
		" VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, 'running', :11, :12, SYS_EXTRACT_UTC(SYSTIMESTAMP))",
		id, r.Target, r.Version, r.PlanChecksum, r.BodyChecksum, edited, r.Fingerprint, r.Statements, r.Done, clob(r.Body),
		r.AppliedBy, r.Agent)
	if err != nil {
		return 0, fmt.Errorf("oracle: record the apply: %w", err)
	}
	return id, nil
}

func (h *historySession) Progress(ctx context.Context, id int64, done int) error {
	if _, err := h.s.conn.ExecContext(ctx, "UPDATE "+h.table+" SET DONE = :1 WHERE ID = :2", done, id); err != nil {
		return fmt.Errorf("oracle: record progress: %w", err)
	}
	return nil
}

func (h *historySession) Finish(ctx context.Context, id int64, status string, done int, errMsg, resume string) error {
	_, err := h.s.conn.ExecContext(ctx, "UPDATE "+h.table+" SET STATUS = :1, DONE = :2, ERROR = :3, "+
		"RESUME_FINGERPRINT = :4, FINISHED_AT = SYS_EXTRACT_UTC(SYSTIMESTAMP) WHERE ID = :5", status, done, clob(errMsg), resume, id)
	if err != nil {
		return fmt.Errorf("oracle: record the outcome: %w", err)
	}
	return nil
}

func (h *historySession) Close(ctx context.Context) error {
	if h.s == nil {
		return errors.New("oracle: history session already closed")
	}
	err := h.Unlock(ctx)
	if cerr := h.s.Close(); err == nil {
		err = cerr
	}
	h.s = nil
	return err
}
