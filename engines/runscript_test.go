package engines

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestRunStatements(t *testing.T) {
	stmts := []ScriptStatement{
		{Line: 1, Text: "SET x = 1", Replay: true},
		{Line: 2, Text: "A"},
		{Line: 3, Text: "B"},
		{Line: 5, Text: "C"},
	}
	boom := errors.New("boom")
	cases := []struct {
		name     string
		skip     int
		failOn   string
		wantSent []string
		wantDone []int
		wantExec int
		wantLine int // of the StatementError, 0 when none
	}{
		{name: "all", wantSent: []string{"SET x = 1", "A", "B", "C"}, wantDone: []int{0, 1, 2, 3}, wantExec: 4},
		{name: "resume replays the session setting only", skip: 3, wantSent: []string{"SET x = 1", "C"}, wantDone: []int{3}, wantExec: 1},
		{name: "first error stops", failOn: "B", wantSent: []string{"SET x = 1", "A", "B"}, wantDone: []int{0, 1}, wantExec: 2, wantLine: 3},
		{name: "failed replay stops before anything runs", skip: 2, failOn: "SET x = 1", wantSent: []string{"SET x = 1"}, wantExec: 0, wantLine: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sent, logged []string
			var done []int
			res, err := RunStatements(context.Background(), stmts, ApplyOptions{
				Skip: c.skip,
				Log:  func(s string) { logged = append(logged, s) },
				Done: func(i int) { done = append(done, i) },
			}, func(_ context.Context, s string) error {
				sent = append(sent, s)
				if s == c.failOn {
					return boom
				}
				return nil
			})
			if !reflect.DeepEqual(sent, c.wantSent) {
				t.Errorf("sent %q, want %q", sent, c.wantSent)
			}
			if !reflect.DeepEqual(done, c.wantDone) {
				t.Errorf("done %v, want %v", done, c.wantDone)
			}
			if res.Executed != c.wantExec {
				t.Errorf("executed %d, want %d", res.Executed, c.wantExec)
			}
			var se *StatementError
			switch {
			case c.wantLine == 0 && err != nil:
				t.Fatalf("unexpected error %v", err)
			case c.wantLine != 0 && (!errors.As(err, &se) || se.Line != c.wantLine || !errors.Is(err, boom)):
				t.Fatalf("error %v, want a StatementError at line %d wrapping boom", err, c.wantLine)
			}
			for _, s := range logged {
				if s == "SET x = 1" && c.skip > 0 {
					t.Errorf("a replayed setting was logged as a new statement")
				}
			}
		})
	}
}
