package runner

// Apply runs a reviewed plan file against one target: under the target's
// lock, after the drift guard, recording history statement by statement,
// and verifying afterwards that the target matches the source version.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// Errors apply returns; test them with errors.Is.
var (
	ErrLocked      = errors.New("another schemasync apply holds the target's lock")
	ErrDrifted     = errors.New("the target changed since the plan was made")
	ErrDestructive = errors.New("the plan holds destructive statements")
)

// ApplyRequest is what Apply needs.
type ApplyRequest struct {
	Engine engines.Engine
	Plan   *PlanFile
	Target LiveTarget
	// Source is the schema at the plan's version, for verification; nil
	// skips verification.
	Source           *engines.Database
	AllowDestructive bool
	// Hazards says which hazards the body's statements may carry (the zero
	// value: DefaultAllowedHazards); AllowDestructive adds deletes_data.
	Hazards HazardPolicy
	// DryRun checks everything (lock, drift guard, destructive statements,
	// hazards) and runs nothing.
	DryRun bool
	// AppliedBy and Agent are recorded in the history; empty means
	// DefaultActor().
	AppliedBy, Agent string
	// Log receives each statement as it starts.
	Log func(stmt string)
}

// ApplyReport tells what Apply did.
type ApplyReport struct {
	Target string `json:"target"`
	Plan   string `json:"plan"`
	Edited bool   `json:"edited"`
	// Statements in the body; Skipped ran in an earlier, failed apply that
	// this one resumed; Executed ran now.
	Statements int   `json:"statements"`
	Skipped    int   `json:"skipped,omitempty"`
	Executed   int   `json:"executed"`
	HistoryID  int64 `json:"history_id,omitempty"`
	// AlreadyApplied is set when the history shows this plan applied and
	// nothing ran.
	AlreadyApplied bool `json:"already_applied,omitempty"`
	DryRun         bool `json:"dry_run,omitempty"`
	// Verified is set when the target was re-inspected after the apply;
	// Residue is then what still differs from the source version (empty
	// when the target matches it).
	Verified bool          `json:"verified"`
	Residue  *engines.Plan `json:"residue,omitempty"`
}

// DriftError is the drift guard's refusal, with the difference.
type DriftError struct {
	Target         string
	Planned, Found string
	// Fresh is the plan a new run would make from the target's current
	// state (nil when the source was not available).
	Fresh *engines.Plan
	// Reviewed is the body that was reviewed.
	Reviewed string
}

func (e *DriftError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "target %s: %v: its schema fingerprint is %s, the plan was made from %s; make a new plan and review it again",
		e.Target, ErrDrifted, short(e.Found), short(e.Planned))
	if e.Fresh != nil {
		reviewed := map[string]bool{}
		for _, s := range splitBody(e.Reviewed) {
			reviewed[normSQL(s)] = true
		}
		fresh := map[string]bool{}
		var added, gone []string
		for _, s := range e.Fresh.Statements {
			n := normSQL(s.SQL)
			fresh[n] = true
			if !reviewed[n] {
				added = append(added, n)
			}
		}
		for _, s := range splitBody(e.Reviewed) {
			if n := normSQL(s); !fresh[n] {
				gone = append(gone, n)
			}
		}
		if len(added)+len(gone) > 0 {
			b.WriteString("\nthe difference, as the plan that a new run would make:")
			for _, s := range gone {
				b.WriteString("\n  - " + s)
			}
			for _, s := range added {
				b.WriteString("\n  + " + s)
			}
		}
	}
	return b.String()
}

func (e *DriftError) Unwrap() error { return ErrDrifted }

// DestructiveError refuses destructive statements.
type DestructiveError struct {
	Target     string
	Statements []Destructive
}

func (e *DestructiveError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "target %s: %v; allow them with policy.allow_destructive in schemasync.yaml or --allow-destructive:", e.Target, ErrDestructive)
	for _, d := range e.Statements {
		fmt.Fprintf(&b, "\n  statement %d (%s): %s", d.Number, d.Reason, firstLine(d.SQL))
	}
	return b.String()
}

func (e *DestructiveError) Unwrap() error { return ErrDestructive }

// Apply applies a plan file to one of its targets.
func Apply(ctx context.Context, req ApplyRequest) (rep *ApplyReport, err error) {
	p, t := req.Plan, req.Target
	h, ok := req.Engine.(historian)
	if !ok {
		return nil, fmt.Errorf("engine %s keeps no apply history: apply --plan is not supported for it", req.Engine.Name())
	}
	if p.Engine != req.Engine.Name() {
		return nil, fmt.Errorf("%s: plan for engine %s, target %s is %s", p.Path, p.Engine, t.Name, req.Engine.Name())
	}
	if !p.HasTarget(t.Name) {
		return nil, fmt.Errorf("%s: plan made for %s, not for target %s", p.Path, strings.Join(p.Targets, ", "), t.Name)
	}
	rep = &ApplyReport{Target: t.Name, Plan: p.Path, Edited: p.Edited(), Statements: CountStatements(p.Body), DryRun: req.DryRun}
	policy := req.Hazards
	policy.AllowDestructive = policy.AllowDestructive || req.AllowDestructive
	// A denied deletes_data is the hazard refusal's to explain:
	// --allow-destructive would not help.
	if d := DestructiveStatements(p.Body); len(d) > 0 && !policy.DestructiveAllowed() && !policy.Denies(engines.HazardDeletesData) {
		return rep, &DestructiveError{Target: t.Name, Statements: d}
	}
	if refused := policy.Refused(p.Body); len(refused) > 0 {
		return rep, &HazardError{Target: t.Name, Statements: refused, Policy: policy}
	}

	sess, err := h.OpenHistory(ctx, t.URL)
	if err != nil {
		return rep, fmt.Errorf("target %s: %w", t.Name, err)
	}
	defer sess.Close(context.WithoutCancel(ctx))
	got, err := sess.TryLock(ctx)
	if err != nil {
		return rep, fmt.Errorf("target %s: %w", t.Name, err)
	}
	if !got {
		return rep, fmt.Errorf("target %s (%s): %w; it was left alone", t.Name, dsn.Redact(t.URL), ErrLocked)
	}
	defer sess.Unlock(context.WithoutCancel(ctx))

	current, fp, err := InspectTarget(ctx, req.Engine, t.URL)
	if err != nil {
		return rep, fmt.Errorf("drift guard: inspect target %s: %w", t.Name, err)
	}
	records, err := sess.Records(ctx, 50)
	if err != nil {
		return rep, fmt.Errorf("target %s: %w", t.Name, err)
	}
	bodySum := Checksum(p.Body)
	for _, r := range records {
		if r.Target != t.Name || r.BodyChecksum != bodySum || r.Fingerprint != p.Fingerprint {
			continue
		}
		if r.Status == "succeeded" && fp != p.Fingerprint {
			rep.AlreadyApplied, rep.HistoryID = true, r.ID
			return rep, nil
		}
		if r.Status == "failed" && r.Done > 0 && r.ResumeFingerprint == fp {
			rep.Skipped = r.Done
		}
		// A run that died (killed, or its connection cut) recorded neither
		// its outcome nor where to resume; its done count is a lower bound.
		if (r.Status == "running" || (r.Status == "failed" && r.ResumeFingerprint == "")) && fp != p.Fingerprint && req.Source != nil {
			rep.Skipped = resumePoint(ctx, req.Engine, current, req.Source, t.URL, p.Body, r.Done)
		}
		break // only the latest apply of this plan counts
	}
	if !req.DryRun {
		if err := finishInterrupted(ctx, sess, records, t.Name, bodySum, p.Fingerprint, rep.Skipped, fp); err != nil {
			return rep, fmt.Errorf("target %s: %w", t.Name, err)
		}
	}
	if rep.Skipped == 0 && fp != p.Fingerprint {
		de := &DriftError{Target: t.Name, Planned: p.Fingerprint, Found: fp, Reviewed: p.Body}
		if req.Source != nil {
			if fresh, err := req.Engine.Plan(ctx, current, req.Source, engines.PlanOptions{TargetURL: t.URL}); err == nil {
				de.Fresh = fresh
			}
		}
		return rep, de
	}
	if req.DryRun {
		return rep, nil
	}

	who, agent := req.AppliedBy, req.Agent
	if who == "" || agent == "" {
		dw, da := DefaultActor(os.Getenv)
		who, agent = orDefault(who, dw), orDefault(agent, da)
	}
	id, err := sess.Start(ctx, &engines.HistoryRecord{
		Target: t.Name, Version: p.Version, PlanChecksum: p.Checksum, BodyChecksum: bodySum, Edited: rep.Edited,
		Fingerprint: p.Fingerprint, Statements: rep.Statements, Done: rep.Skipped, Body: p.Body,
		AppliedBy: who, Agent: agent,
	})
	if err != nil {
		return rep, fmt.Errorf("target %s: %w", t.Name, err)
	}
	rep.HistoryID = id
	done := rep.Skipped
	res, applyErr := req.Engine.Apply(ctx, t.URL, p.Body, engines.ApplyOptions{
		Log:  req.Log,
		Skip: rep.Skipped,
		Done: func(i int) {
			done = i + 1
			// Best effort: the final Finish records the count in any case.
			_ = sess.Progress(ctx, id, done)
		},
	})
	if res != nil {
		rep.Executed = res.Executed
	}
	if applyErr != nil {
		var se *engines.StatementError
		if errors.As(applyErr, &se) && se.File == "" {
			se.File = p.Path
		}
		// The state after the failure is where a rerun may resume from.
		resume := ""
		if _, fp, err := InspectTarget(context.WithoutCancel(ctx), req.Engine, t.URL); err == nil {
			resume = fp
		}
		fctx := context.WithoutCancel(ctx)
		if err := sess.Finish(fctx, id, "failed", done, applyErr.Error(), resume); err != nil {
			return rep, errors.Join(fmt.Errorf("target %s: %w", t.Name, applyErr), err)
		}
		return rep, fmt.Errorf("target %s: %d of %d statements done; a rerun resumes after them: %w", t.Name, done, rep.Statements, applyErr)
	}
	if err := sess.Finish(context.WithoutCancel(ctx), id, "succeeded", done, "", ""); err != nil {
		return rep, fmt.Errorf("target %s: %w", t.Name, err)
	}
	if req.Source != nil {
		after, _, err := InspectTarget(ctx, req.Engine, t.URL)
		if err != nil {
			return rep, fmt.Errorf("verify target %s: %w", t.Name, err)
		}
		residue, err := req.Engine.Plan(ctx, after, req.Source, engines.PlanOptions{TargetURL: t.URL})
		if err != nil {
			return rep, fmt.Errorf("verify target %s: %w", t.Name, err)
		}
		rep.Verified = true
		if !residue.Empty() {
			rep.Residue = residue
		}
	}
	return rep, nil
}

// resumePoint finds where an apply that died half-way can go on: the
// point j >= from after which the body's statements are exactly the plan a
// new run would make from the target's current state. Then the statements
// before j are in effect and the rest still converges the target; 0 means
// no such point (the caller's drift guard refuses). Session settings (SET,
// RESET) are left out of the comparison: every plan starts with its own,
// and the engines set them again for the statements that remain.
func resumePoint(ctx context.Context, e engines.Engine, current, source *engines.Database, url, body string, from int) int {
	fresh, err := e.Plan(ctx, current, source, engines.PlanOptions{TargetURL: url})
	if err != nil {
		return 0
	}
	var want []string
	for _, s := range fresh.Statements {
		if n := normSQL(s.SQL); !isSessionSetting(n) {
			want = append(want, n)
		}
	}
	stmts := splitBody(body)
	var core []int // indexes of the body's statements that are not settings
	for i, s := range stmts {
		if !isSessionSetting(normSQL(s)) {
			core = append(core, i)
		}
	}
	m := len(core) - len(want) // statements in effect
	if m < 1 {
		return 0
	}
	for i, w := range want {
		if normSQL(stmts[core[m+i]]) != w {
			return 0
		}
	}
	j := len(stmts)
	if m < len(core) {
		j = core[m]
	}
	if j < from {
		return 0
	}
	return j
}

// isSessionSetting tells a statement that sets or resets a session
// setting (normalized by normSQL).
func isSessionSetting(stmt string) bool {
	u := strings.ToUpper(stmt)
	return strings.HasPrefix(u, "SET ") || strings.HasPrefix(u, "RESET ")
}

// finishInterrupted records as failed the applies that still say
// "running": the caller holds the target's lock, so their runs are gone.
// The latest run of this plan gets the resume point found for it (how many
// statements are in effect) and the current fingerprint.
func finishInterrupted(ctx context.Context, sess engines.HistorySession, records []engines.HistoryRecord, target, bodySum, planFP string, resumed int, fp string) error {
	latest := true
	for _, r := range records {
		ours := r.Target == target && r.BodyChecksum == bodySum && r.Fingerprint == planFP
		if r.Status == "running" {
			// Only a resume point that was proven is recorded as one: a
			// bare done count may miss the statement that was in flight.
			done, resume := r.Done, ""
			if ours && latest {
				switch {
				case resumed > 0:
					done, resume = resumed, fp
				case fp == planFP:
					done = 0 // nothing of it stayed: rolled back
				}
			}
			msg := "interrupted: the run ended before it recorded its outcome (its process or connection died); a later apply found it"
			if err := sess.Finish(ctx, r.ID, "failed", done, msg, resume); err != nil {
				return err
			}
		}
		if ours {
			latest = false
		}
	}
	return nil
}

// DefaultActor names who and what runs an apply, from the environment:
// the CI's actor and run when there is one, else the user and host.
func DefaultActor(getenv func(string) string) (who, agent string) {
	login := ""
	if u, err := user.Current(); err == nil {
		login = u.Username
	}
	who = firstNonEmpty(getenv("SCHEMASYNC_ACTOR"), getenv("GITHUB_ACTOR"), getenv("GITLAB_USER_LOGIN"), getenv("USER"), login, "unknown")
	host, _ := os.Hostname()
	agent = "schemasync on " + orDefault(host, "unknown host")
	switch {
	case getenv("GITHUB_RUN_ID") != "":
		agent = fmt.Sprintf("schemasync in GitHub Actions %s run %s", getenv("GITHUB_REPOSITORY"), getenv("GITHUB_RUN_ID"))
	case getenv("CI_JOB_ID") != "":
		agent = fmt.Sprintf("schemasync in GitLab CI %s job %s", getenv("CI_PROJECT_PATH"), getenv("CI_JOB_ID"))
	}
	return who, agent
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func normSQL(s string) string {
	return strings.TrimRight(strings.Join(strings.Fields(stripComments(s)), " "), ";")
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

func short(fp string) string {
	fp = strings.TrimPrefix(fp, "sha256:")
	if len(fp) > 12 {
		return fp[:12]
	}
	return fp
}
