package runner_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/engines/mysql"
	"github.com/schemasync/schemasync/runner"
)

// TestPreviewPlanNotes: the plan's notes (what the target will not have,
// such as TiDB's ignored CHECK constraints) appear in the Markdown preview
// that goes into pull requests, as in the text one, for plans in sync too;
// a MySQL plan's lock_wait_timeout is explained.
func TestPreviewPlanNotes(t *testing.T) {
	const checkNote = "CHECK constraint t_chk is not enforced: the target has tidb_enable_check_constraint off"
	const emptyNote = "FULLTEXT index ft of t is left out: TiDB has none"
	set := &runner.PlanSet{Engine: "tidb", Version: runner.SourceVersion{Rev: "main", Hash: "0123456789abcdef"}, Groups: []*runner.PlanGroup{
		{Targets: []string{"a"}, Plan: &engines.Plan{Engine: "tidb", Notes: []string{checkNote},
			Statements: []*engines.Statement{{SQL: "SET SESSION lock_wait_timeout = 5", Object: "session"}, {SQL: "ALTER TABLE `t` ADD COLUMN `b` int", Object: "table t"}}}},
		{Targets: []string{"b"}, Plan: &engines.Plan{Engine: "tidb", Notes: []string{emptyNote}}},
	}}
	var md, text bytes.Buffer
	runner.PreviewMarkdown(&md, set, mysql.New())
	runner.PreviewText(&text, set)
	for what, out := range map[string]string{"markdown": md.String(), "text": text.String()} {
		for _, w := range []string{checkNote, emptyNote, "lock_wait_timeout 5 s"} {
			if !strings.Contains(out, w) {
				t.Errorf("%s preview lacks %q:\n%s", what, w, out)
			}
		}
	}
	if !strings.Contains(md.String(), "> **Note:** "+checkNote) {
		t.Errorf("markdown preview does not quote the note:\n%s", md.String())
	}
}
