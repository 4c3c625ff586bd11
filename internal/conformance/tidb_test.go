package conformance

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/internal/testdb"
)

func TestTiDBBackendOnMiniCorpus(t *testing.T) {
	admin := testdb.TiDBServer(t).AdminDSN
	ctx := context.Background()
	b := NewTiDB(admin, mysql.New())
	srv, err := b.Server(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The version gates compare with the MySQL version TiDB claims.
	if srv.Flavor != "tidb" || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(srv.Version) {
		t.Errorf("Server() = %+v, want flavor tidb and a bare MySQL version", srv)
	}

	rep, err := Run(ctx, b, Options{Corpus: "testdata/corpus", Parallel: 2, Timeout: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// Only the tidb directory's cases: not mysql's, not postgres's.
	checkResults(t, rep, map[string]wantResult{
		"tidb/mini/add_table": {StatusPass, ""},
		"tidb/mini/only_tidb": {StatusPass, ""},
		"tidb/mini/not_tidb":  {StatusSkip, "flavor !tidb"},
		"tidb/mini/too_new":   {StatusSkip, "needs server version >= 99.0"},
	})
}

// The MySQL backend names a TiDB server's flavor; the TiDB backend refuses
// any other server, so a wrong SCHEMASYNC_TEST_TIDB cannot pass for TiDB.
func TestTiDBFlavorDetection(t *testing.T) {
	ctx := context.Background()
	tidb := testdb.TiDBServer(t).AdminDSN
	srv, err := NewMySQL(tidb, mysql.New()).Server(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if srv.Flavor != "tidb" {
		t.Errorf("MySQL backend on TiDB: flavor %q, want tidb", srv.Flavor)
	}
	maria := os.Getenv(testdb.MariaDBEnv)
	if maria == "" {
		t.Fatalf("%s is not set: this test needs a MariaDB server", testdb.MariaDBEnv)
	}
	if _, err := NewTiDB(maria, mysql.New()).Server(ctx); err == nil || !strings.Contains(err.Error(), "need a TiDB server") {
		t.Errorf("TiDB backend on MariaDB: err = %v, want a refusal", err)
	}
}
