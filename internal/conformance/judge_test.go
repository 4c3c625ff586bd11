package conformance

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	tests := []struct {
		name         string
		obs          observation
		expectsError bool
		status       Status
		reason       string
	}{
		{name: "converged", status: StatusPass},
		{
			name:   "from does not load",
			obs:    observation{loadErr: errors.New("from.sql: syntax error\n  statement: CREATE")},
			status: StatusNoLoad, reason: "from.sql: syntax error",
		},
		{
			name:         "does not load wins over expected error",
			obs:          observation{loadErr: errors.New("to.sql: boom")},
			expectsError: true, status: StatusNoLoad, reason: "to.sql: boom",
		},
		{
			name:   "engine error",
			obs:    observation{err: errors.New("parse: to.sql:3: unsupported statement\n  statement: CREATE RULE")},
			status: StatusFail, reason: "parse: to.sql:3: unsupported statement",
		},
		{
			name:   "not converged",
			obs:    observation{remaining: []string{"ALTER TABLE t\n  ADD COLUMN c int", "DROP TABLE u"}},
			status: StatusFail, reason: "not converged: 2 statements remain: ALTER TABLE t",
		},
		{
			name:   "not converged wins over not idempotent",
			obs:    observation{remaining: []string{"DROP TABLE u"}, replanned: []string{"X"}},
			status: StatusFail, reason: "not converged: 1 statements remain: DROP TABLE u",
		},
		{
			name:   "not idempotent",
			obs:    observation{replanned: []string{"ALTER TABLE t ALTER c SET DEFAULT 0"}},
			status: StatusFail, reason: "not idempotent: 1 statements planned again: ALTER TABLE t ALTER c SET DEFAULT 0",
		},
		{
			name:   "the dumps differ",
			obs:    observation{dumpDiff: []string{"- GRANT SELECT ON TABLE public.t TO app;", "+ CREATE INDEX i ON public.t USING btree (a);"}},
			status: StatusFail, reason: "the server's dumps differ in 2 statements: - GRANT SELECT ON TABLE public.t TO app;",
		},
		{
			name:   "not idempotent wins over the dumps",
			obs:    observation{replanned: []string{"X"}, dumpDiff: []string{"- Y"}},
			status: StatusFail, reason: "not idempotent: 1 statements planned again: X",
		},
		{
			name:         "expected error, we refused",
			obs:          observation{err: errors.New("plan: cannot change partition key")},
			expectsError: true, status: StatusExpectedError, reason: "we refused too: plan: cannot change partition key",
		},
		{
			name:         "expected error, we converged",
			expectsError: true, status: StatusExpectedError, reason: "we did not refuse and converged",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := judge("postgres/p/c", tt.obs, tt.expectsError)
			if got.Status != tt.status || got.Reason != tt.reason {
				t.Errorf("judge = %s %q, want %s %q", got.Status, got.Reason, tt.status, tt.reason)
			}
		})
	}
}

func TestWriteTextSummary(t *testing.T) {
	rep := &Report{Engine: "postgres", ServerVersion: "15.20", Parallel: 4, DurationMS: int64(2 * time.Second / time.Millisecond),
		Results: []*Result{
			{Case: "postgres/p/a", Status: StatusPass},
			{Case: "postgres/p/b", Status: StatusFail, Reason: "plan: boom", Statements: []string{"CREATE TABLE b ()"}},
			{Case: "postgres/p/c", Status: StatusSkip, Reason: "extension vector not available"},
			{Case: "postgres/p/d", Status: StatusSkip, Reason: "extension vector not available"},
			{Case: "postgres/p/e", Status: StatusNoLoad, Reason: "from.sql: relation \"x\" does not exist"},
			{Case: "postgres/p/f", Status: StatusExpectedError, Reason: "we refused too: plan: no"},
			{Case: "postgres/p/g", Status: StatusPass},
		}}
	var b strings.Builder
	if err := WriteText(&b, rep, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "2 passed, 1 failed" {
		t.Errorf("last line = %q, want %q\n%s", last, "2 passed, 1 failed", out)
	}
	for _, want := range []string{
		"FAIL postgres/p/b: plan: boom\n",
		"      CREATE TABLE b ();\n", // verbose shows the plan
		"NOLOAD postgres/p/e: from.sql:",
		"skipped: 2\n     2 extension vector not available\n",
		"does not load: 1\n",
		"expected error (the peer refuses): 1\n     1 we refused too\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "FAIL postgres/p/a") {
		t.Errorf("a passing case is printed as failing:\n%s", out)
	}
}
