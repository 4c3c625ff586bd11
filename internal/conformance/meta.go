package conformance

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Meta is the part of a case's meta.yaml the runner acts on. Fields it
// does not need (source, notes, hazards) are ignored.
type Meta struct {
	Case    string `yaml:"case"`
	Engine  string `yaml:"engine"`
	Project string `yaml:"project"`
	// Assert is what the peer itself checks: exact_up_down, idempotency_only,
	// converge, error, ...
	Assert   string   `yaml:"assert"`
	Flags    Flags    `yaml:"flags"`
	Requires Requires `yaml:"requires"`
	// SkipSuggested says why the corpus author thinks the case cannot run
	// against a real server.
	SkipSuggested string `yaml:"skip_suggested"`
	// ExpectedError is the peer's refusal: a string or a {is|contains: ...} map.
	ExpectedError any `yaml:"expected_error"`
}

// Flags are the peer's own switches for a case.
type Flags struct {
	Offline    bool   `yaml:"offline"`
	EnableDrop *bool  `yaml:"enable_drop"`
	MinVersion string `yaml:"min_version"`
	MaxVersion string `yaml:"max_version"`
	Flavor     string `yaml:"flavor"`
}

// Requires is what a case needs from the server before from.sql loads.
type Requires struct {
	Roles         []string `yaml:"roles"`
	ConnectAsRole string   `yaml:"connect_as_role"`
	Extensions    []string `yaml:"extensions"`
	MinVersion    string   `yaml:"min_version"`
	MaxVersion    string   `yaml:"max_version"`
	Flavor        string   `yaml:"flavor"`
}

// ExpectsError reports whether the peer expects a refusal for this case.
func (m *Meta) ExpectsError() bool { return m.Assert == "error" }

// minVersion and friends merge requires.* with the older flags.* spelling.
func (m *Meta) minVersion() string { return firstNonEmpty(m.Requires.MinVersion, m.Flags.MinVersion) }
func (m *Meta) maxVersion() string { return firstNonEmpty(m.Requires.MaxVersion, m.Flags.MaxVersion) }
func (m *Meta) flavor() string     { return firstNonEmpty(m.Requires.Flavor, m.Flags.Flavor) }

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ReadMeta reads dir/meta.yaml. A case without one gets the zero Meta: it
// runs with no requirements.
func ReadMeta(dir string) (*Meta, error) {
	path := filepath.Join(dir, "meta.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Meta{}, nil
	}
	if err != nil {
		return nil, err
	}
	m := &Meta{}
	if err := yaml.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Server is what gates compare a case with.
type Server struct {
	// Version is the server version as it reports it ("15.20").
	Version string
	// Flavor is "postgres", or "mysql", "mariadb", "tidb".
	Flavor string
	// Extensions holds the extensions the server can install.
	Extensions map[string]bool
}

// SkipReason returns why the case cannot run on this server, or "" if it
// can. Reasons are short and shared by cases, so the summary can group them.
func SkipReason(m *Meta, srv Server) string {
	if m.Flags.Offline {
		return "offline-only (peer never runs it against a server)"
	}
	if v := m.minVersion(); v != "" && compareVersions(srv.Version, v) < 0 {
		return "needs server version >= " + v
	}
	if v := m.maxVersion(); v != "" && compareVersions(srv.Version, v) > 0 {
		return "needs server version <= " + v
	}
	if f := m.flavor(); f != "" && !flavorMatches(f, srv.Flavor) {
		return "flavor " + f
	}
	for _, e := range m.Requires.Extensions {
		if !srv.Extensions[e] {
			return "extension " + e + " not available"
		}
	}
	return ""
}

// flavorMatches reads a gate: "x" means only x, "!x" means anything but x;
// a comma-separated list matches if any of its items does.
func flavorMatches(gate, flavor string) bool {
	for _, g := range strings.Split(gate, ",") {
		g = strings.TrimSpace(g)
		if neg, ok := strings.CutPrefix(g, "!"); ok {
			if neg != flavor {
				return true
			}
		} else if g == flavor {
			return true
		}
	}
	return false
}

// compareVersions compares dotted versions numerically ("9.1" < "15.2");
// missing parts count as zero and trailing text ("15beta1", "8.0.36-log")
// is ignored.
func compareVersions(a, b string) int {
	pa, pb := versionParts(a), versionParts(b)
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func versionParts(v string) []int {
	var parts []int
	for _, p := range strings.Split(strings.TrimSpace(v), ".") {
		end := 0
		for end < len(p) && p[end] >= '0' && p[end] <= '9' {
			end++
		}
		n, err := strconv.Atoi(p[:end])
		if err != nil {
			break
		}
		parts = append(parts, n)
		if end < len(p) {
			break // "15beta1": nothing after the suffix is a version part
		}
	}
	return parts
}
