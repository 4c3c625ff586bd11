package main

import (
	"context"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The garbage collector's settings, by the size of what a run holds.
//
// Most runs hold little (one schema of a few hundred tables, or a fleet of
// such targets one after another): collecting whenever the heap grew by
// half (GOGC 50) spent a quarter of a fleet plan's processor time in the
// collector. Those runs collect when the heap has tripled (GOGC 200),
// under a soft limit. A run whose live heap nears the limit switches once
// to collecting at half again its live heap (GOGC 50) with no limit, so
// that a schema bigger than the limit costs no more than it did before: a
// limit below the live heap would have the collector run all the time.
// A plan of 50 targets of 200 tables spends a fifth less processor time;
// a diff of two 10,000-table models switches and peaks as before (about
// 440 MB).
type gcTuner struct {
	gcPercent, bigGCPercent int
	limit                   int64
	// bigShare of the limit held live switches to bigGCPercent.
	bigShare float64
	every    time.Duration
	// live reads the live heap's size in bytes (liveHeap; tests fake it).
	live func() uint64
}

func defaultGCTuner() gcTuner {
	return gcTuner{gcPercent: 200, bigGCPercent: 50, limit: 320 << 20, bigShare: 0.75,
		every: 20 * time.Millisecond, live: liveHeap}
}

// start applies the small-heap setting and watches the live heap until it
// switches to the big-heap one (then it closes the channel it returns) or
// ctx ends. It changes nothing when the environment sets GOGC or
// GOMEMLIMIT (getenv reads it): those win.
func (g gcTuner) start(ctx context.Context, getenv func(string) string) <-chan struct{} {
	switched := make(chan struct{})
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return switched
	}
	debug.SetGCPercent(g.gcPercent)
	debug.SetMemoryLimit(g.limit)
	go func() {
		tick := time.NewTicker(g.every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if float64(g.live()) > g.bigShare*float64(g.limit) {
				debug.SetMemoryLimit(math.MaxInt64)
				debug.SetGCPercent(g.bigGCPercent)
				close(switched)
				return
			}
		}
	}()
	return switched
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
