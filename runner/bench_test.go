package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/benchgen"
	"github.com/schemasync/schemasync/runner"
)

// BenchmarkPlanFile10000 makes and writes the plan file of a large plan:
// every statement that creates a 10,000-table schema in an empty database
// (about 50,000 statements, 7 MB). Making it (the checksum, the hazard and
// destructive-statement lines of the header) costs far more than writing
// it, so the file is written from one buffer rather than streamed.
//
//	go test ./runner/ -run '^$' -bench PlanFile10000 -benchtime 3x
func BenchmarkPlanFile10000(b *testing.B) {
	ctx := context.Background()
	eng := postgres.New()
	src, err := eng.Parse(ctx, []engines.File{{Path: "schema.sql", Text: benchgen.Postgres(10000, 1)}}, engines.ParseOptions{})
	if err != nil {
		b.Fatal(err)
	}
	empty, err := eng.Parse(ctx, nil, engines.ParseOptions{})
	if err != nil {
		b.Fatal(err)
	}
	p, err := eng.Plan(ctx, empty, src, engines.PlanOptions{})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.Run("make", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			runner.NewPlanFile(p, []string{"t"}, runner.SourceVersion{Hash: "0123abcd"}, "schema", "sha256:0")
		}
	})
	pf := runner.NewPlanFile(p, []string{"t"}, runner.SourceVersion{Hash: "0123abcd"}, "schema", "sha256:0")
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := runner.WritePlanFiles(dir, []*runner.PlanFile{pf}, []string{"t"}); err != nil {
				b.Fatal(err)
			}
		}
		if st, err := os.Stat(filepath.Join(dir, "t.sql")); err != nil || st.Size() < 1<<20 {
			b.Fatalf("plan file: %v, %v", st, err)
		}
	})
}
