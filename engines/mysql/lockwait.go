package mysql

import (
	"errors"
	"fmt"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/engines"
)

// Lock wait. Every DDL statement takes the table's metadata lock
// exclusively, at least for a moment; while it waits for that lock (held
// by any open transaction that touched the table), every later query of
// the table queues behind it. The server waits lock_wait_timeout seconds,
// a year by default. A plan against a live MySQL or MariaDB target starts
// by lowering it for its session, so that a statement stuck behind a long
// transaction fails (a rerun resumes there) before the queue grows.

// LockWaitTimeout reports whether the flavor bounds the metadata lock waits
// of DDL with lock_wait_timeout. TiDB accepts the variable, but its DDL
// does not wait with it: a DDL job waits for the transactions that use the
// old schema version without blocking later ones (its metadata lock), and
// lock_wait_timeout bounds pessimistic row locks only, so no SET is planned
// there. (Checked on the test TiDB: with lock_wait_timeout = 2, an ADD
// COLUMN behind an open transaction that had read the table waited until
// it ended, 23 s, while other sessions read and wrote the table.)
func (f Flavor) LockWaitTimeout() bool { return !f.TiDB }

// lockWaitStatement is the SET that starts a plan for a live target whose
// flavor takes it, nil when none is due: lock_wait_timeout in whole
// seconds, rounded up.
func lockWaitStatement(f Flavor, live bool, o engines.OnlineOptions) *engines.Statement {
	d := o.EffectiveLockTimeout()
	if !live || d <= 0 || !f.LockWaitTimeout() {
		return nil
	}
	secs := (d + time.Second - 1) / time.Second
	return &engines.Statement{SQL: fmt.Sprintf("SET SESSION lock_wait_timeout = %d", secs), Object: "session"}
}

// isSessionSet reports whether a statement only changes the session (a
// SET that is not GLOBAL or PERSIST): an apply that resumes after it runs
// it again, on its new connection. The lexer drops every kind of comment.
func isSessionSet(stmt string) bool {
	toks := lex(stmt)
	if len(toks) == 0 || !toks[0].is("SET") {
		return false
	}
	for _, t := range toks {
		u := strings.ToUpper(t.text)
		if t.is("GLOBAL") || t.is("PERSIST") || t.is("PERSIST_ONLY") || strings.HasPrefix(u, "@@GLOBAL") || strings.HasPrefix(u, "@@PERSIST") {
			return false
		}
	}
	return true
}

// lockWaitError explains the server's lock wait timeout (1205): another
// session holds a lock on the table, and nothing of the statement ran.
func lockWaitError(err error) error {
	var me *gomysql.MySQLError
	if errors.As(err, &me) && me.Number == 1205 {
		return fmt.Errorf("%w: another session holds a lock on the table (an open transaction that used it); the statement did not run, rerun once it ends", err)
	}
	return err
}
