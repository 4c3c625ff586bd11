package runner

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Shard is one part of a fleet split across CI jobs: Index of Count,
// 1-based ("--shard 2/4"). The zero Shard selects everything.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 1 <= i <= n; "" is the zero Shard.
func ParseShard(s string) (Shard, error) {
	if strings.TrimSpace(s) == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard %q: want i/n with 1 <= i <= n, e.g. 2/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// String prints the shard as i/n.
func (s Shard) String() string {
	if s.Count == 0 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Has reports whether the named target belongs to this shard among all
// the names. Names are dealt round robin in sorted order, so every job of a
// CI matrix computes the same split from the same list, and the shards
// differ in size by at most one.
func (s Shard) Has(name string, all []string) bool {
	if s.Count <= 1 {
		return true
	}
	sorted := append([]string(nil), all...)
	sort.Strings(sorted)
	i := sort.SearchStrings(sorted, name)
	if i >= len(sorted) || sorted[i] != name {
		return false
	}
	return i%s.Count == s.Index-1
}

// Select returns the targets of this shard, keeping their order.
func (s Shard) Select(targets []Target) []Target {
	names := make([]string, len(targets))
	for i, t := range targets {
		names[i] = t.Name
	}
	var out []Target
	for _, t := range targets {
		if s.Has(t.Name, names) {
			out = append(out, t)
		}
	}
	return out
}
