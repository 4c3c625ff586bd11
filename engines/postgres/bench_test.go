package postgres

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/internal/testdb"
)

// BenchmarkInspect5000 inspects a generated 5,000-table schema, and runs
// pg_dump --schema-only on the same database for comparison. The schema is
// loaded once, by the parent benchmark, which Go runs only once because it
// has sub-benchmarks.
//
//	go test ./engines/postgres/ -run '^$' -bench Inspect5000 -benchtime 5x
func BenchmarkInspect5000(b *testing.B) {
	const tables = 5000
	ctx := context.Background()
	url := testdb.Postgres(b)
	start := time.Now()
	for i, script := range benchgen.Batches(tables, 1, 250) {
		if err := testdb.ExecPostgres(ctx, url, script); err != nil {
			b.Fatalf("load batch %d of %d tables: %v", i, tables, err)
		}
	}
	b.Logf("loaded %d tables in %v", tables, time.Since(start).Round(time.Millisecond))

	b.Run("inspect", func(b *testing.B) {
		conn, err := connect(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close(ctx)
		queries := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			db, n, err := inspectConn(ctx, conn)
			if err != nil {
				b.Fatal(err)
			}
			if got := len(db.Schema("bench").Tables); got != tables {
				b.Fatalf("inspected %d tables, want %d", got, tables)
			}
			queries = n
		}
		b.ReportMetric(float64(queries), "queries/op")
	})

	b.Run("pg_dump", func(b *testing.B) {
		if _, err := exec.LookPath("pg_dump"); err != nil {
			b.Fatalf("pg_dump is needed for the comparison: %v", err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if out, err := exec.CommandContext(ctx, "pg_dump", "--schema-only", "--dbname", url).CombinedOutput(); err != nil {
				b.Fatalf("pg_dump: %v: %s", err, out)
			}
		}
	})
}

// BenchmarkParse5000 parses the files of a generated 5,000-table schema,
// with no server: the cost of reading a version from git.
//
//	go test ./engines/postgres/ -run '^$' -bench Parse5000 -benchtime 3x
func BenchmarkParse5000(b *testing.B) {
	files := []engines.File{{Path: "schema.sql", Text: benchgen.Postgres(5000, 1)}}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := parseFiles(ctx, files, engines.ParseOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(db.Schema("bench").Tables); n != 5000 {
			b.Fatalf("parsed %d tables, want 5000", n)
		}
	}
}
