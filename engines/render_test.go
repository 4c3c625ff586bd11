package engines

import (
	"strings"
	"testing"
)

func TestRenderSQL(t *testing.T) {
	if got := RenderSQL(&Plan{Engine: "postgres"}); got != "" {
		t.Fatalf("empty plan rendered %q", got)
	}
	p := &Plan{Engine: "postgres", Statements: []*Statement{
		{SQL: "ALTER TABLE t DROP COLUMN c", Hazards: []Hazard{{Kind: HazardDeletesData, Message: "drops column\nc"}}},
		{SQL: "CREATE INDEX i ON t (a);"},
	}}
	got := RenderSQL(p)
	want := "-- hazard deletes_data: drops column c\nALTER TABLE t DROP COLUMN c;\n\nCREATE INDEX i ON t (a);\n\n"
	if !strings.HasSuffix(got, want) {
		t.Fatalf("RenderSQL =\n%s\nwant suffix\n%s", got, want)
	}
}
