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
	// LoadSource, when Source is nil, reads the source (and its version)
	// while the targets are inspected: parsing a big version takes about
	// as long as inspecting a target, and the two overlap. Its error is
	// returned as "source: …".
	LoadSource func(ctx context.Context) (*engines.Database, SourceVersion, error)
	// SchemaDir is recorded in plan headers, for apply's verification.
	SchemaDir string
	Targets   []LiveTarget
	// Parallel bounds the concurrent inspections (< 1 means 1).
	Parallel int
	// AllowDestructive is passed to the engine (drops are planned either
	// way; apply refuses destructive statements unless allowed).
	AllowDestructive bool
	// Online tunes the engine's online strategies (zero: the defaults).
	Online engines.OnlineOptions
	// Hazards is the policy apply will use: the preview marks the
	// statements it would refuse.
	Hazards HazardPolicy
	// DataChecks asks engines that can (engines.DataChecker) to check
	// each group's target data for what the plan would trip over.
	DataChecks bool
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
	// Refused lists the statements apply refuses under the request's
	// hazard policy, with the hazards it does not allow.
	Refused []RefusedStatement `json:"refused,omitempty"`
	// Findings are the data checks' results on the group's first target;
	// DataChecked tells whether checks ran.
	Findings    []engines.Finding `json:"data_checks,omitempty"`
	DataChecked bool              `json:"data_checked,omitempty"`
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
	// Online and Hazards are the request's, for the preview to explain.
	Online  engines.OnlineOptions `json:"online"`
	Hazards HazardPolicy          `json:"hazard_policy"`
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
	if req.Engine == nil || (req.Source == nil && req.LoadSource == nil) {
		return nil, fmt.Errorf("plan: engine and source are required")
	}
	// The inspections stop early when the source cannot be read.
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	var srcDone chan struct{}
	var source *engines.Database
	var version SourceVersion
	var srcErr error
	if req.Source == nil {
		srcDone = make(chan struct{})
		go func() {
			defer close(srcDone)
			if source, version, srcErr = req.LoadSource(ictx); srcErr != nil {
				cancel()
			}
		}()
	}
	type inspected struct {
		db  *engines.Database
		fp  string
		err error
	}
	results := make([]inspected, len(req.Targets))
	var mu sync.Mutex
	done := 0
	err := forEach(ictx, len(req.Targets), req.Parallel, func(ctx context.Context, i int) {
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
	if srcDone != nil {
		<-srcDone
		if srcErr != nil {
			return nil, fmt.Errorf("source: %w", srcErr)
		}
		req.Source, req.Version = source, version
	}
	if err != nil {
		return nil, err
	}

	set := &PlanSet{Engine: req.Engine.Name(), Version: req.Version, Online: req.Online, Hazards: req.Hazards}
	byFP := map[string]*PlanGroup{}
	var urls []string // the first target's URL of each group
	var models []*engines.Database
	for i, r := range results {
		t := req.Targets[i]
		if r.err != nil {
			set.Failed = append(set.Failed, TargetError{Target: t.Name, Err: r.err, Message: dsn.Scrub(t.URL, r.err.Error())})
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
		p, err := req.Engine.Plan(ctx, models[i], req.Source, engines.PlanOptions{TargetURL: urls[i], AllowDrops: req.AllowDestructive, Online: req.Online})
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
		policy := req.Hazards
		policy.AllowDestructive = policy.AllowDestructive || req.AllowDestructive
		g.Refused = policy.Refused(g.File.Body)
		if dc, ok := req.Engine.(engines.DataChecker); ok && req.DataChecks && !p.Empty() {
			// A failing check is a finding; only an unreachable target is
			// an error, and the plan stands without its checks.
			if f, err := dc.CheckData(ctx, urls[i], p); err == nil {
				g.Findings, g.DataChecked = f, true
			} else {
				g.Findings = []engines.Finding{{Message: "data checks did not run", Error: dsn.Scrub(urls[i], err.Error())}}
			}
		}
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
