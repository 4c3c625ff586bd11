package conformance

import (
	"context"
	"database/sql"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/internal/testdb"
)

// Files written for a database of their own name (views qualified with
// it) run again in a database of that name, which is gone afterwards; a
// file reading a table that is missing from an existing database still
// does not load.
func TestMySQLBackendNamedDatabase(t *testing.T) {
	for _, srv := range testdb.MySQLServers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			ctx := context.Background()
			b := NewMySQL(srv.AdminDSN, mysql.New())
			rep, err := Run(ctx, b, Options{Corpus: "testdata/corpus", Parallel: 3, Timeout: 60 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			checkResults(t, rep, map[string]wantResult{
				"mysql/mini/named_view":          {StatusPass, ""},
				"mysql/mini/named_missing_table": {StatusNoLoad, "to.sql:1:"},
				"mysql/mini/plain":               {StatusPass, ""},
			})
			cfg, err := gomysql.ParseDSN(srv.AdminDSN)
			if err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open("mysql", cfg.FormatDSN())
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var n int
			if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'ss_cf_named_fixture'").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("database ss_cf_named_fixture is left behind")
			}
		})
	}
}
