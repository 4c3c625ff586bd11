package runner

// Drift: a target that no longer matches the version it last applied, or a
// chosen version.

import (
	"context"
	"fmt"

	"github.com/schemasync/schemasync/engines"
)

// VersionLoader loads the source model at a revision.
type VersionLoader func(ctx context.Context, rev string) (*engines.Database, SourceVersion, error)

// DriftRequest is what CheckDrift needs.
type DriftRequest struct {
	Engine engines.Engine
	Target LiveTarget
	Load   VersionLoader
	// Version, if set, is a chosen version to compare with as well.
	Version string
}

// DriftComparison is a target compared with one version.
type DriftComparison struct {
	Version SourceVersion `json:"version"`
	// Plan is what would bring the target to that version; empty when in sync.
	Plan *engines.Plan `json:"plan"`
}

// Drifted reports whether the target differs from the version.
func (c *DriftComparison) Drifted() bool { return c != nil && !c.Plan.Empty() }

// DriftReport is the drift of one target.
type DriftReport struct {
	Target string `json:"target"`
	// LastApplied is the latest successful apply in the target's history
	// (nil when it has none); AgainstLast compares with its version.
	LastApplied *engines.HistoryRecord `json:"last_applied,omitempty"`
	AgainstLast *DriftComparison       `json:"against_last_applied,omitempty"`
	// AgainstChosen compares with DriftRequest.Version.
	AgainstChosen *DriftComparison `json:"against_version,omitempty"`
	Err           error            `json:"-"`
	Message       string           `json:"error,omitempty"`
}

// Drifted reports whether either comparison found differences.
func (r *DriftReport) Drifted() bool { return r.AgainstLast.Drifted() || r.AgainstChosen.Drifted() }

// CheckDrift compares a target with the version it last applied (from its
// history) and, if asked, with a chosen version.
func CheckDrift(ctx context.Context, req DriftRequest) *DriftReport {
	rep := &DriftReport{Target: req.Target.Name}
	fail := func(err error) *DriftReport {
		rep.Err, rep.Message = err, err.Error()
		return rep
	}
	h, ok := req.Engine.(historian)
	if !ok {
		return fail(fmt.Errorf("engine %s keeps no apply history", req.Engine.Name()))
	}
	sess, err := h.OpenHistory(ctx, req.Target.URL)
	if err != nil {
		return fail(fmt.Errorf("target %s: %w", req.Target.Name, err))
	}
	records, err := sess.Records(ctx, 0)
	sess.Close(context.WithoutCancel(ctx))
	if err != nil {
		return fail(fmt.Errorf("target %s: %w", req.Target.Name, err))
	}
	for i := range records {
		if records[i].Status == "succeeded" && records[i].Target == req.Target.Name {
			rep.LastApplied = &records[i]
			break
		}
	}
	current, _, err := InspectTarget(ctx, req.Engine, req.Target.URL)
	if err != nil {
		return fail(fmt.Errorf("inspect target %s: %w", req.Target.Name, err))
	}
	compare := func(rev string) (*DriftComparison, error) {
		src, v, err := req.Load(ctx, rev)
		if err != nil {
			return nil, err
		}
		p, err := req.Engine.Plan(ctx, current, src, engines.PlanOptions{TargetURL: req.Target.URL, AllowDrops: true})
		if err != nil {
			return nil, fmt.Errorf("compare target %s with %s: %w", req.Target.Name, v.Short(), err)
		}
		return &DriftComparison{Version: v, Plan: p}, nil
	}
	if rep.LastApplied != nil {
		if rep.AgainstLast, err = compare(rep.LastApplied.Version); err != nil {
			return fail(err)
		}
	}
	if req.Version != "" {
		if rep.AgainstChosen, err = compare(req.Version); err != nil {
			return fail(err)
		}
	}
	return rep
}

// History reads a target's recorded applies, newest first.
func History(ctx context.Context, e engines.Engine, t LiveTarget, limit int) ([]engines.HistoryRecord, error) {
	h, ok := e.(historian)
	if !ok {
		return nil, fmt.Errorf("engine %s keeps no apply history", e.Name())
	}
	sess, err := h.OpenHistory(ctx, t.URL)
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", t.Name, err)
	}
	defer sess.Close(context.WithoutCancel(ctx))
	return sess.Records(ctx, limit)
}
