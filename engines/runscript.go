package engines

import "context"

// ScriptStatement is one statement of a plan file, as an engine that
// applies statement by statement sends it.
type ScriptStatement struct {
	// Line is where the statement starts in the file (1-based).
	Line int
	// Text is what is sent to the server.
	Text string
	// Replay marks a statement that only changes the session (a SET): an
	// apply that resumes after it runs it again, since its connection is
	// a new one.
	Replay bool
}

// RunStatements runs stmts in order with exec, for engines whose DDL
// commits on its own (MySQL, Oracle): nothing can be rolled back, so the
// first error stops the run, the statements before it stay done (reported
// through opts.Done) and a later run resumes with opts.Skip.
func RunStatements(ctx context.Context, stmts []ScriptStatement, opts ApplyOptions, exec func(ctx context.Context, stmt string) error) (*ApplyResult, error) {
	res := &ApplyResult{}
	for i, st := range stmts {
		if i < opts.Skip {
			if st.Replay {
				if err := exec(ctx, st.Text); err != nil {
					return res, &StatementError{Line: st.Line, Statement: st.Text, Err: err}
				}
			}
			continue // ran in an earlier, interrupted apply
		}
		if opts.Log != nil {
			opts.Log(st.Text)
		}
		if err := exec(ctx, st.Text); err != nil {
			return res, &StatementError{Line: st.Line, Statement: st.Text, Err: err}
		}
		res.Executed++
		if opts.Done != nil {
			opts.Done(i)
		}
	}
	return res, nil
}
