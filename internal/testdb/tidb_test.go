package testdb

import (
	"context"
	"strings"
	"testing"
)

// TestTiDBServerReachable proves the TiDB server of the environment is
// there, is TiDB, and takes DDL in a fresh database. scripts/test.sh checks
// that this package passed, so a run without TiDB cannot look green.
func TestTiDBServerReachable(t *testing.T) {
	srv := TiDBServer(t)
	ctx := context.Background()
	version, err := TiDBVersion(ctx, srv.AdminDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("TiDB %s", version)

	dbURL := TiDB(t)
	if err := ExecMySQL(ctx, dbURL,
		"CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x')",
		"ALTER TABLE t ADD INDEX name_idx (name)",
		"INSERT INTO t (id) VALUES (1)",
	); err != nil {
		t.Fatal(err)
	}
	// A second, separate database must not see the first one's table.
	other := TiDB(t)
	err = ExecMySQL(ctx, other, "SELECT * FROM t")
	if err == nil || !strings.Contains(err.Error(), "doesn't exist") {
		t.Fatalf("fresh database sees table t of another one: err = %v", err)
	}
}
