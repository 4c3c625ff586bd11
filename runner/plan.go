package runner

// Planning many targets: inspect them concurrently (bounded), group the
// targets whose schemas are identical, plan each group once and make its
// plan file.

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/schemasync/schemasync/engines"
	"github.com/schemasync/schemasync/internal/dsn"
)

// LiveTarget is a target with its connection URL resolved.
type LiveTarget struct {
	Name string
	URL  string
}

// PlanRequest is what PlanTargets needs.
type PlanRequest struct {
	Engine  engines.Engine
	Source  *engines.Database
	Version SourceVersion
	// SchemaDir is recorded in plan headers, for apply's verification.
	SchemaDir string
	Targets   []LiveTarget
	// Parallel bounds the concurrent inspections (< 1 means 1).
	Parallel int
	// AllowDestructive is passed to the engine (drops are planned either
	// way; apply refuses destructive statements unless allowed).
	AllowDestructive bool
	// Progress, if set, is called as each target's inspection ends.
	Progress func(done, total int, target string, err error)
}

// TargetError is a target that could not be planned.
type TargetError struct {
	Target string `json:"target"`
	Err    error  `json:"-"`
	// Message is Err's text, for JSON.
	Message string `json:"error"`
}

// PlanGroup is the plan of targets whose inspected schemas are identical.
type PlanGroup struct {
	Targets     []string      `json:"targets"`
	Fingerprint string        `json:"fingerprint"`
	Plan        *engines.Plan `json:"plan"`
	File        *PlanFile     `json:"-"`
	// Destructive lists the plan's destructive statements.
	Destructive []Destructive `json:"destructive,omitempty"`
}

// InSync reports whether the group needs no change.
func (g *PlanGroup) InSync() bool { return g.Plan.Empty() }

// PlanSet is the outcome of planning a selection of targets.
type PlanSet struct {
	Engine  string        `json:"engine"`
	Version SourceVersion `json:"version"`
	// Groups are in the order of their first target in the request.
	Groups []*PlanGroup  `json:"groups"`
	Failed []TargetError `json:"failed,omitempty"`
}

// Changed reports whether any target needs changes.
func (s *PlanSet) Changed() bool {
	for _, g := range s.Groups {
		if !g.InSync() {
			return true
		}
	}
	return false
}

// Files returns the plan files of the groups that need changes.
func (s *PlanSet) Files() []*PlanFile {
	var out []*PlanFile
	for _, g := range s.Groups {
		if !g.InSync() {
			out = append(out, g.File)
		}
	}
	return out
}

// Planned lists the targets that were planned (in sync or not).
func (s *PlanSet) Planned() []string {
	var out []string
	for _, g := range s.Groups {
		out = append(out, g.Targets...)
	}
	return out
}

// PlanTargets inspects every target, groups those with identical schemas
// and plans each group against the source. A target that fails is
// reported in Failed; the others are planned all the same.
func PlanTargets(ctx context.Context, req PlanRequest) (*PlanSet, error) {
	if req.Engine == nil || req.Source == nil {
		return nil, fmt.Errorf("plan: engine and source are required")
	}
	type inspected struct {
		db  *engines.Database
		fp  string
		err error
	}
	results := make([]inspected, len(req.Targets))
	var mu sync.Mutex
	done := 0
	err := forEach(ctx, len(req.Targets), req.Parallel, func(ctx context.Context, i int) {
		t := req.Targets[i]
		db, fp, err := InspectTarget(ctx, req.Engine, t.URL)
		if err != nil {
			err = fmt.Errorf("inspect target %s (%s): %w", t.Name, dsn.Redact(t.URL), err)
		}
		results[i] = inspected{db: db, fp: fp, err: err}
		if req.Progress != nil {
			mu.Lock()
			done++
			req.Progress(done, len(req.Targets), t.Name, err)
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, err
	}

	set := &PlanSet{Engine: req.Engine.Name(), Version: req.Version}
	byFP := map[string]*PlanGroup{}
	var urls []string // the first target's URL of each group
	var models []*engines.Database
	for i, r := range results {
		t := req.Targets[i]
		if r.err != nil {
			set.Failed = append(set.Failed, TargetError{Target: t.Name, Err: r.err, Message: r.err.Error()})
			continue
		}
		if g, ok := byFP[r.fp]; ok {
			g.Targets = append(g.Targets, t.Name)
			continue
		}
		g := &PlanGroup{Targets: []string{t.Name}, Fingerprint: r.fp}
		byFP[r.fp] = g
		set.Groups = append(set.Groups, g)
		urls = append(urls, t.URL)
		models = append(models, r.db)
	}

	errs := make([]error, len(set.Groups))
	err = forEach(ctx, len(set.Groups), req.Parallel, func(ctx context.Context, i int) {
		g := set.Groups[i]
		p, err := req.Engine.Plan(ctx, models[i], req.Source, engines.PlanOptions{TargetURL: urls[i], AllowDrops: req.AllowDestructive})
		if err != nil {
			errs[i] = fmt.Errorf("plan target %s: %w", g.Targets[0], err)
			return
		}
		if p.Engine == "" {
			p.Engine = req.Engine.Name()
		}
		g.Plan = p
		g.File = NewPlanFile(p, g.Targets, req.Version, req.SchemaDir, g.Fingerprint)
		g.Destructive = DestructiveStatements(g.File.Body)
	})
	if err != nil {
		return nil, err
	}
	kept := set.Groups[:0]
	for i, g := range set.Groups {
		if errs[i] != nil {
			for _, t := range g.Targets {
				set.Failed = append(set.Failed, TargetError{Target: t, Err: errs[i], Message: errs[i].Error()})
			}
			continue
		}
		kept = append(kept, g)
	}
	set.Groups = kept
	sort.SliceStable(set.Failed, func(i, j int) bool { return set.Failed[i].Target < set.Failed[j].Target })
	return set, nil
}

// ResolveTargets reads the URLs of config targets from the environment.
func ResolveTargets(targets []Target, getenv func(string) string) ([]LiveTarget, error) {
	out := make([]LiveTarget, 0, len(targets))
	for _, t := range targets {
		u, err := t.URL(getenv)
		if err != nil {
			return nil, err
		}
		out = append(out, LiveTarget{Name: t.Name, URL: u})
	}
	return out, nil
}
