package conformance

import (
	"path/filepath"
	"testing"
)

func TestReadMetaAndSkipReason(t *testing.T) {
	srv := Server{
		Version:    "15.20 (Debian 15.20-0+deb12u1)",
		Flavor:     "postgres",
		Extensions: map[string]bool{"pgcrypto": true, "btree_gist": true},
	}
	tests := []struct {
		dir          string
		skip         string
		expectsError bool
		roles        []string
	}{
		{dir: "add_table"},
		{dir: "old_enough"}, // min_version written as a YAML integer
		{dir: "too_new", skip: "needs server version >= 99.1"},
		{dir: "missing_ext", skip: "extension no_such_ext not available"},
		{dir: "other_flavor", skip: "flavor pgvector"},
		{dir: "offline", skip: "offline-only (peer never runs it against a server)"},
		{dir: "refused", expectsError: true},
		{dir: "roles", roles: []string{"ss_cf_reader", `"ss_cf ""odd"" role"`, "PUBLIC"}},
		{dir: "no_meta"}, // no meta.yaml: runs with no requirements
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			m, err := ReadMeta(filepath.Join("testdata", "corpus", "postgres", "mini", tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			if got := SkipReason(m, srv); got != tt.skip {
				t.Errorf("SkipReason = %q, want %q", got, tt.skip)
			}
			if got := m.ExpectsError(); got != tt.expectsError {
				t.Errorf("ExpectsError = %v, want %v", got, tt.expectsError)
			}
			if len(m.Requires.Roles) != len(tt.roles) {
				t.Fatalf("roles = %q, want %q", m.Requires.Roles, tt.roles)
			}
			for i := range tt.roles {
				if m.Requires.Roles[i] != tt.roles[i] {
					t.Errorf("role %d = %q, want %q", i, m.Requires.Roles[i], tt.roles[i])
				}
			}
		})
	}
}

func TestSkipReasonGates(t *testing.T) {
	srv := Server{Version: "15.20", Flavor: "postgres"}
	tests := []struct {
		name string
		meta Meta
		want string
	}{
		{"min met", Meta{Requires: Requires{MinVersion: "9.1"}}, ""},
		{"min equal", Meta{Requires: Requires{MinVersion: "15.20"}}, ""},
		{"min not met", Meta{Flags: Flags{MinVersion: "18.0"}}, "needs server version >= 18.0"},
		{"max met", Meta{Requires: Requires{MaxVersion: "16"}}, ""},
		{"max not met", Meta{Requires: Requires{MaxVersion: "14"}}, "needs server version <= 14"},
		{"negated flavor", Meta{Requires: Requires{Flavor: "!tidb"}}, ""},
		{"negated own flavor", Meta{Requires: Requires{Flavor: "!postgres"}}, "flavor !postgres"},
		{"flavor list", Meta{Flags: Flags{Flavor: "mysql, postgres"}}, ""},
		{"missing extension", Meta{Requires: Requires{Extensions: []string{"vector"}}}, "extension vector not available"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SkipReason(&tt.meta, srv); got != tt.want {
				t.Errorf("SkipReason = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"15.20", "15.20", 0},
		{"9.1", "15", -1},
		{"15.2", "15.10", -1},
		{"15", "15.0", 0},
		{"18beta1", "18.0", 0},
		{"8.0.36-log", "8.0.4", 1},
		{"15.20 (Debian 15.20-0+deb12u1)", "15.21", -1},
	}
	for _, tt := range tests {
		if got := compareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("compareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
