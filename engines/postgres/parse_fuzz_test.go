package postgres_test

import (
	"testing"

	"github.com/schemasync/schemasync/engines/postgres"
	"github.com/schemasync/schemasync/internal/fuzzkit"
)

// FuzzParse: PostgreSQL schema files of any content parse or fail without
// a crash (in Go or in libpg_query's C), deterministically, and what parses
// survives a dump and a parse again unchanged (fuzzkit.RoundTrip).
func FuzzParse(f *testing.F) {
	for _, s := range fuzzkit.Files(f, []string{".sql"}, "testdata") {
		f.Add(s, false)
	}
	e := postgres.New()
	f.Fuzz(func(t *testing.T, text string, skipUnsupported bool) {
		fuzzkit.CheckParse(t, e, text, skipUnsupported, fuzzkit.RoundTrip)
	})
}
