package runner_test

import (
	"strings"
	"testing"

	"github.com/schemasync/schemasync/runner"
)

// TestSyncOutcome: a plan set whose only target failed is not "in sync";
// the failed targets are named with their errors.
func TestSyncOutcome(t *testing.T) {
	v := runner.SourceVersion{Rev: "main", Hash: "0123456789abcdef0123"}
	failed := []runner.TargetError{{Target: "prod", Message: "inspect target prod (postgres://u:xxxxx@db:5432/x): connection refused"}}
	inSync := []*runner.PlanGroup{{Targets: []string{"staging"}}}
	for _, tc := range []struct {
		name      string
		set       *runner.PlanSet
		want      []string
		forbidden []string
	}{
		{"only failed", &runner.PlanSet{Version: v, Failed: failed},
			[]string{"no target was planned", "1 target(s) failed: prod: inspect target prod (postgres://u:xxxxx@db:5432/x): connection refused"},
			[]string{"in sync"}},
		{"one in sync, one failed", &runner.PlanSet{Version: v, Groups: inSync, Failed: failed},
			[]string{"every planned target (staging) is in sync", "1 target(s) failed: prod:"}, nil},
		{"all in sync", &runner.PlanSet{Version: v, Groups: inSync},
			[]string{"every target (staging) is in sync"}, []string{"failed"}},
	} {
		got := runner.SyncOutcome(tc.set)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
		for _, f := range tc.forbidden {
			if strings.Contains(got, f) {
				t.Errorf("%s: %q holds %q", tc.name, got, f)
			}
		}
	}
}
