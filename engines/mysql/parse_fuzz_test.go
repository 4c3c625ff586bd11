package mysql_test

import (
	"testing"

	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/internal/fuzzkit"
)

// FuzzParse: MySQL schema files of any content parse or fail without
// panicking, deterministically, and what parses survives a dump and a
// parse again unchanged (fuzzkit.RoundTrip).
func FuzzParse(f *testing.F) {
	for _, s := range fuzzkit.Files(f, []string{".sql"}, "testdata") {
		f.Add(s, false)
	}
	e := mysql.New()
	f.Fuzz(func(t *testing.T, text string, skipUnsupported bool) {
		fuzzkit.CheckParse(t, e, text, skipUnsupported, fuzzkit.RoundTrip)
	})
}
