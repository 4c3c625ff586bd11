package main

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// restoreGC puts the collector's settings back after a test changed them.
func restoreGC(t *testing.T) {
	pct := debug.SetGCPercent(100)
	lim := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(lim)
	})
}

func TestGCTunerEnvironmentWins(t *testing.T) {
	restoreGC(t)
	for _, env := range []map[string]string{{"GOGC": "100"}, {"GOMEMLIMIT": "1GiB"}} {
		debug.SetGCPercent(100)
		g := defaultGCTuner()
		g.start(t.Context(), func(k string) string { return env[k] })
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("environment %v: GOGC set to %d, want the environment's setting kept", env, got)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("environment %v: memory limit set to %d", env, got)
		}
	}
}

func TestGCTunerSwitchesOnABigHeap(t *testing.T) {
	restoreGC(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var live atomic.Uint64
	live.Store(20 << 20)
	g := gcTuner{gcPercent: 300, bigGCPercent: 40, limit: 64 << 20, bigShare: 0.5, every: time.Millisecond, live: live.Load}
	switched := g.start(ctx, func(string) string { return "" })
	if got := debug.SetGCPercent(300); got != 300 {
		t.Fatalf("small-heap GOGC %d, want 300", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Fatalf("small-heap limit %d, want %d", got, 64<<20)
	}
	select {
	case <-switched:
		t.Fatal("switched with a small heap")
	case <-time.After(50 * time.Millisecond):
	}
	live.Store(48 << 20) // over half the limit
	select {
	case <-switched:
	case <-time.After(10 * time.Second):
		t.Fatal("did not switch with 48 MiB live under a 64 MiB limit")
	}
	if got := debug.SetGCPercent(40); got != 40 {
		t.Errorf("big-heap GOGC %d, want 40", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("big-heap limit %d, want none", got)
	}
}

// TestLiveHeap reads the runtime's figure: a collection after 16 MiB are
// made and kept finds at least that much live.
func TestLiveHeap(t *testing.T) {
	held := make([][]byte, 16)
	for i := range held {
		held[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	if got := liveHeap(); got < 16<<20 {
		t.Errorf("live heap %d bytes with 16 MiB held", got)
	}
	runtime.KeepAlive(held)
}
