package runner

// Planning many targets: inspect them concurrently (bounded), group the
// targets whose schemas are identical, plan each group once and make its
// plan file.

import (
	"context"
	"fmt"
	"slices"
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
	// Parallel bounds the targets worked on at once (< 1 means 1), and the
	// idle connections that wait for the plan phase (see PlanTargets).
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
//
// Each target's inspect, plan and data checks share one connection (an
// engines.ConnKeeper): a new server session per phase costs the server more
// than the phase itself on a fleet. A target is planned right after its
// inspection, in the same slot, when it is known by then to be its group's
// first target (the source is read and every earlier target inspected);
// otherwise its connection waits, at most Parallel of them at once so that
// a fleet never holds a connection per target, until a slot finds it
// plannable or the plan phase comes.
func PlanTargets(ctx context.Context, req PlanRequest) (*PlanSet, error) {
	if req.Engine == nil || (req.Source == nil && req.LoadSource == nil) {
		return nil, fmt.Errorf("plan: engine and source are required")
	}
	// The inspections stop early when the source cannot be read.
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex // guards the fields below that both phases' goroutines read
	var srcDone chan struct{}
	source, srcReady := req.Source, req.Source != nil
	var version SourceVersion
	var srcErr error
	if !srcReady {
		srcDone = make(chan struct{})
		go func() {
			defer close(srcDone)
			src, v, err := req.LoadSource(ictx)
			mu.Lock()
			source, version, srcErr, srcReady = src, v, err, err == nil
			mu.Unlock()
			if err != nil {
				cancel()
			}
		}()
	}
	type inspected struct {
		db    *engines.Database
		fp    string
		err   error
		done  bool
		early *targetPlan // planned right after the inspection
	}
	results := make([]inspected, len(req.Targets))
	parked := map[int]*engines.ConnKeeper{} // connections waiting for the plan phase
	defer func() {
		for _, k := range parked {
			k.Close(context.WithoutCancel(ctx))
		}
	}()
	prefix := 0                 // results[:prefix] are all done
	firstOf := map[string]int{} // the first target inspected so far of each schema
	done := 0
	// next takes from parked a target that can be planned now (the source
	// is read, every earlier target inspected, none with its schema), and
	// the connections of those an earlier target turned out to share the
	// schema with. Called under mu.
	next := func() (int, *engines.ConnKeeper, []*engines.ConnKeeper) {
		var drop []*engines.ConnKeeper
		for p, k := range parked {
			if firstOf[results[p].fp] != p {
				drop = append(drop, k)
				delete(parked, p)
			} else if srcReady && prefix > p {
				delete(parked, p)
				return p, k, drop
			}
		}
		return -1, nil, drop
	}
	planEarly := func(ctx context.Context, i int, k *engines.ConnKeeper, src *engines.Database) {
		tp := planTarget(engines.WithConnKeeper(ctx, k), req, results[i].db, src, req.Targets[i].URL)
		k.Close(context.WithoutCancel(ctx))
		mu.Lock()
		results[i].early = tp
		mu.Unlock()
	}
	err := forEach(ictx, len(req.Targets), req.Parallel, func(ctx context.Context, i int) {
		t := req.Targets[i]
		keeper := engines.NewConnKeeper()
		db, fp, err := InspectTarget(engines.WithConnKeeper(ctx, keeper), req.Engine, t.URL)
		if err != nil {
			err = fmt.Errorf("inspect target %s (%s): %w", t.Name, dsn.Redact(t.URL), err)
		}
		mu.Lock()
		results[i] = inspected{db: db, fp: fp, err: err, done: true}
		for prefix < len(results) && results[prefix].done {
			prefix++
		}
		if req.Progress != nil {
			done++
			req.Progress(done, len(req.Targets), t.Name, err)
		}
		now := -1
		if j, ok := firstOf[fp]; err == nil && (!ok || i < j) {
			firstOf[fp] = i
			if srcReady && prefix > i {
				now = i
			} else if len(parked) < max(req.Parallel, 1) {
				parked[i], keeper = keeper, nil
			}
		}
		src := source
		mu.Unlock()
		if now >= 0 {
			planEarly(ctx, i, keeper, src)
		} else {
			keeper.Close(context.WithoutCancel(ctx)) // shares an earlier target's schema, or no room
		}
		// Plan the waiting targets that became plannable, in this slot:
		// parked connections go as soon as they can.
		for {
			mu.Lock()
			p, k, drop := next()
			src = source
			mu.Unlock()
			for _, d := range drop {
				d.Close(context.WithoutCancel(ctx))
			}
			if p < 0 {
				return
			}
			planEarly(ctx, p, k, src)
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
	var firsts []int // the first target of each group
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
		firsts = append(firsts, i)
	}
	for i, k := range parked {
		if !slices.Contains(firsts, i) { // an earlier target, inspected later, has its schema
			k.Close(context.WithoutCancel(ctx))
			delete(parked, i)
		}
	}

	errs := make([]error, len(set.Groups))
	err = forEach(ctx, len(set.Groups), req.Parallel, func(ctx context.Context, i int) {
		g, first := set.Groups[i], firsts[i]
		tp := results[first].early
		if tp == nil {
			keeper := parked[first]
			if keeper == nil {
				keeper = engines.NewConnKeeper()
			}
			defer keeper.Close(context.WithoutCancel(ctx))
			tp = planTarget(engines.WithConnKeeper(ctx, keeper), req, results[first].db, req.Source, req.Targets[first].URL)
		}
		if tp.err != nil {
			errs[i] = fmt.Errorf("plan target %s: %w", g.Targets[0], tp.err)
			return
		}
		p := tp.plan
		g.Plan = p
		g.File = NewPlanFile(p, g.Targets, req.Version, req.SchemaDir, g.Fingerprint)
		g.Destructive = DestructiveStatements(g.File.Body)
		policy := req.Hazards
		policy.AllowDestructive = policy.AllowDestructive || req.AllowDestructive
		g.Refused = policy.Refused(g.File.Body)
		g.Findings, g.DataChecked = tp.findings, tp.dataChecked
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

// targetPlan is the engine's plan of one target and its data checks.
type targetPlan struct {
	plan        *engines.Plan
	findings    []engines.Finding
	dataChecked bool
	err         error
}

// planTarget plans the target at url (inspected as target) against source
// and runs the data checks of a plan that changes something.
func planTarget(ctx context.Context, req PlanRequest, target, source *engines.Database, url string) *targetPlan {
	p, err := req.Engine.Plan(ctx, target, source, engines.PlanOptions{TargetURL: url, AllowDrops: req.AllowDestructive, Online: req.Online})
	if err != nil {
		return &targetPlan{err: err}
	}
	if p.Engine == "" {
		p.Engine = req.Engine.Name()
	}
	tp := &targetPlan{plan: p}
	if dc, ok := req.Engine.(engines.DataChecker); ok && req.DataChecks && !p.Empty() {
		// A failing check is a finding; only an unreachable target is
		// an error, and the plan stands without its checks.
		if f, err := dc.CheckData(ctx, url, p); err == nil {
			tp.findings, tp.dataChecked = f, true
		} else {
			tp.findings = []engines.Finding{{Message: "data checks did not run", Error: dsn.Scrub(url, err.Error())}}
		}
	}
	return tp
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
