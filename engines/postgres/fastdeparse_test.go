package postgres

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v6"
)

// TestFastDeparseMatchesDeparser prints every node of every statement of
// the package's test data (and of the corpora under SCHEMASYNC_CORPUS when
// set) both ways: wherever fastDeparse takes a node, its text must be the
// deparser's, byte for byte.
func TestFastDeparseMatchesDeparser(t *testing.T) {
	roots := []string{"testdata"}
	if c := os.Getenv("SCHEMASYNC_CORPUS"); c != "" {
		roots = append(roots, c)
	}
	var files, taken, compared int
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
				return err
			}
			text, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			tree, err := pg_query.Parse(string(text))
			if err != nil {
				return nil // files of syntax errors are test data too
			}
			files++
			n, k := compareFastDeparse(t, path, tree)
			compared, taken = compared+n, taken+k
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d files, %d nodes, %d printed in Go", files, compared, taken)
	if files < 100 || taken < 1000 {
		t.Fatalf("only %d files and %d nodes printed in Go: the comparison covers too little", files, taken)
	}
}

// compareFastDeparse checks every node of tree both ways and returns how
// many nodes it saw and how many fastDeparse printed.
func compareFastDeparse(t *testing.T, where string, tree *pg_query.ParseResult) (nodes, taken int) {
	for _, raw := range tree.Stmts {
		walkNodes(raw.Stmt, func(n *pg_query.Node) {
			nodes++
			var b strings.Builder
			if !fastDeparse(&b, n) {
				return
			}
			taken++
			want, err := deparseNodeC(n)
			if err != nil {
				t.Errorf("%s: fastDeparse printed %q where the deparser fails: %v", where, b.String(), err)
				return
			}
			if got := b.String(); got != want {
				t.Errorf("%s: fastDeparse printed %q, the deparser %q", where, got, want)
			}
		})
	}
	return nodes, taken
}

// FuzzFastDeparse runs the same comparison on whatever parses.
func FuzzFastDeparse(f *testing.F) {
	for _, s := range []string{
		"SELECT 'it''s'::text, -1::int, 1.5::numeric(3,1), f(a, 'b\\c') IS NULL",
		"CREATE TABLE t (a int DEFAULT 0 CHECK (a >= -1), b text DEFAULT ''::text)",
		`SELECT "Col" + x.y * 2, now()::timestamp(3), 'x'::"My Type"[]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		tree, err := pg_query.Parse(sql)
		if err != nil {
			return
		}
		compareFastDeparse(t, "input", tree)
	})
}
