package postgres

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestRunPipeline sends guarded and plain queries at once: each result is
// its own query's, a failing query (a data exception, an unknown table, a
// write refused by the read-only guard) reports its error without
// touching the others, and the session is idle and usable afterwards.
func TestRunPipeline(t *testing.T) {
	ctx := context.Background()
	_, conn := onlineDB(t, "CREATE TABLE t (a integer); INSERT INTO t VALUES (1), (2), (3);")
	queries := []pipeQuery{
		{sql: "SELECT count(*) FROM t", guarded: true},
		{sql: "SELECT count(*) FROM t WHERE 1 / (a - 2) > 0", guarded: true}, // division by zero
		{sql: "SELECT current_setting('statement_timeout')", guarded: true},
		{sql: "SELECT count(*) FROM no_such_table", guarded: true},
		{sql: "INSERT INTO t VALUES (4)", guarded: true}, // read-only
		{sql: "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout')"},
		{sql: "SELECT a FROM t ORDER BY a"},
	}
	res, err := runPipeline(ctx, conn, queries)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(queries) {
		t.Fatalf("%d results for %d queries", len(res), len(queries))
	}
	if n, err := res[0].count(); err != nil || n != 3 {
		t.Errorf("count: %d, %v", n, err)
	}
	for i, code := range map[int]string{1: "22012", 3: "42P01", 4: "25006"} {
		var pe *pgconn.PgError
		if !errors.As(res[i].err, &pe) || pe.Code != code {
			t.Errorf("query %d: error %v, want SQLSTATE %s", i, res[i].err, code)
		}
	}
	if got := string(res[2].rows[0][0]); got != "5s" {
		t.Errorf("guarded statement_timeout %q, want 5s", got)
	}
	// The guard's settings ended with its transaction.
	if r := res[5].rows[0]; string(r[0]) != "off" || string(r[1]) == "5s" {
		t.Errorf("unguarded query ran with read_only %s, statement_timeout %s", r[0], r[1])
	}
	if len(res[6].rows) != 3 || string(res[6].rows[2][0]) != "3" {
		t.Errorf("rows: %q", res[6].rows)
	}
	if st := conn.PgConn().TxStatus(); st != 'I' {
		t.Errorf("session left in transaction status %c", st)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 3 {
		t.Errorf("after the pipeline: %d rows, %v", n, err)
	}
}
