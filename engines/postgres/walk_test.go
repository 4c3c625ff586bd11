package postgres

import (
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/benchgen"
)

// TestWalkTree checks that walkTree visits the messages protoreflect's
// Range finds (siblings may come in another order), on every statement of the parse and
// convergence test data and of a generated schema, and that it stops
// when told to.
func TestWalkTree(t *testing.T) {
	texts := []string{benchgen.PostgresChanged(60, 1)}
	for _, pattern := range []string{"testdata/parse/*/*.sql", "testdata/convergence/*/*.sql"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	statements := 0
	for _, text := range texts {
		stmts, err := splitFile(engines.File{Path: "x.sql", Text: text})
		if err != nil {
			continue // files that test parse errors
		}
		for _, s := range stmts {
			statements++
			var want, got []any
			var ref func(m protoreflect.Message)
			ref = func(m protoreflect.Message) {
				want = append(want, m.Interface())
				m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
					switch {
					case fd.IsList() && fd.Message() != nil:
						for i := 0; i < v.List().Len(); i++ {
							ref(v.List().Get(i).Message())
						}
					case fd.Message() != nil && !fd.IsMap():
						ref(v.Message())
					}
					return true
				})
			}
			ref(s.node.ProtoReflect())
			walkTree(s.node, func(m any) bool { got = append(got, m); return true })
			if len(got) != len(want) {
				t.Fatalf("statement %d: walkTree visited %d messages, protoreflect %d", statements, len(got), len(want))
			}
			seen := map[any]int{}
			for _, m := range got {
				seen[m]++
			}
			for _, m := range want {
				if seen[m]--; seen[m] < 0 {
					t.Fatalf("statement %d: walkTree missed a %T", statements, m)
				}
			}
			n := 0
			walkTree(s.node, func(any) bool { n++; return n < 3 })
			if n != min(3, len(want)) {
				t.Fatalf("walkTree went on after visit returned false: %d visits", n)
			}
		}
	}
	if statements < 100 {
		t.Fatalf("only %d statements checked", statements)
	}
}
